using System.Collections.Concurrent;
using System.Globalization;
using System.Net;

namespace Tutorial.Notebooks.Display;

/// <summary>
/// Turns values into <see cref="MimeBundle"/>s. A formatter is registered per type (the most
/// derived registered type wins, then interfaces) and fills in the rich representations; text/plain
/// is always added (from ToString when the formatter gave none).
/// </summary>
public static class Formatters
{
    private static readonly ConcurrentDictionary<Type, Action<object, MimeBundle>> Registered = new();

    /// <summary>Registers how to show values of type <typeparamref name="TValue"/> (and its subtypes).</summary>
    public static void Register<TValue>(Action<TValue, MimeBundle> formatter) =>
        Registered[typeof(TValue)] = (o, b) => formatter((TValue)o, b);

    /// <summary>
    /// Registers a formatter for <paramref name="type"/>, which may be an open generic type such as
    /// <c>typeof(Tensor&lt;&gt;)</c> (then it serves every closed type, e.g. Tensor&lt;float&gt; and Tensor&lt;double&gt;).
    /// </summary>
    public static void Register(Type type, Action<object, MimeBundle> formatter) => Registered[type] = formatter;

    /// <summary>Removes the formatter for <typeparamref name="TValue"/>.</summary>
    public static void Unregister<TValue>() => Registered.TryRemove(typeof(TValue), out _);

    /// <summary>Every representation of <paramref name="value"/>.</summary>
    public static MimeBundle Format(object? value)
    {
        var bundle = new MimeBundle();
        if (value is null)
        {
            bundle.Set("text/plain", "<null>");
            return bundle;
        }
        var formatter = Find(value.GetType());
        formatter?.Invoke(value, bundle);
        if (!bundle.Has("text/plain")) bundle.Set("text/plain", PlainText(value));
        return bundle;
    }

    /// <summary>Only the representation <paramref name="mimeType"/> (plus text/plain), e.g. to force HTML.</summary>
    public static MimeBundle Format(object? value, string mimeType)
    {
        var full = Format(value);
        var bundle = new MimeBundle();
        string? content = full.Get(mimeType);
        if (content is null && mimeType == "text/html") content = $"<pre>{WebUtility.HtmlEncode(full.Get("text/plain"))}</pre>";
        if (content is null) throw new ArgumentException($"A value of type {value?.GetType().Name ?? "null"} has no {mimeType} representation.");
        bundle.Set(mimeType, content);
        if (mimeType != "text/plain") bundle.Set("text/plain", full.Get("text/plain")!);
        return bundle;
    }

    private static Action<object, MimeBundle>? Find(Type type)
    {
        for (var t = type; t is not null; t = t.BaseType)
        {
            if (Registered.TryGetValue(t, out var f)) return f;
            if (t.IsGenericType && Registered.TryGetValue(t.GetGenericTypeDefinition(), out var g)) return g;
        }
        foreach (var i in type.GetInterfaces())
            if (Registered.TryGetValue(i, out var f)) return f;
        return null;
    }

    /// <summary>A readable plain-text form: invariant culture for numbers, ToString otherwise.</summary>
    public static string PlainText(object value) => value switch
    {
        string s => s,
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        System.Collections.IEnumerable e => "[" + string.Join(", ", e.Cast<object?>().Take(100).Select(x => x is null ? "<null>" : PlainText(x))) + "]",
        _ => value.ToString() ?? value.GetType().Name,
    };
}
