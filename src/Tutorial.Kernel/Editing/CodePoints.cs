namespace Tutorial.Kernel.Editing;

/// <summary>
/// Jupyter counts cursor positions in Unicode code points (protocol 5.2 and later); .NET strings
/// index UTF-16 code units. These convert between the two (a character outside the Basic
/// Multilingual Plane is one code point and two code units).
/// </summary>
public static class CodePoints
{
    /// <summary>The UTF-16 index of code point <paramref name="codePoint"/>, clamped to the text.</summary>
    public static int ToUtf16Index(string text, int codePoint)
    {
        int index = 0;
        for (int seen = 0; seen < codePoint && index < text.Length; seen++)
            index += char.IsHighSurrogate(text[index]) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]) ? 2 : 1;
        return index;
    }

    /// <summary>The code point count of the first <paramref name="utf16Index"/> code units.</summary>
    public static int ToCodePoint(string text, int utf16Index)
    {
        int count = 0;
        int end = Math.Clamp(utf16Index, 0, text.Length);
        for (int i = 0; i < end; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < end && char.IsLowSurrogate(text[i + 1])) i++;
            count++;
        }
        return count;
    }
}
