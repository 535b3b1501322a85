namespace Tutorial.Kernel;

/// <summary>
/// The kernel's <see cref="Console.In"/>: <c>Console.ReadLine()</c> in a cell asks the front end
/// for a line (an <c>input_request</c> on the stdin channel, answered by <c>input_reply</c>) and
/// returns it. <c>Console.Read()</c> reads that line character by character, ending with '\n'.
/// </summary>
internal sealed class KernelStdin(Func<string> requestLine) : TextReader
{
    private string _line = "";
    private int _next;

    public override string? ReadLine()
    {
        if (_next < _line.Length)
        {
            string rest = _line[_next..].TrimEnd('\n');
            _line = "";
            _next = 0;
            return rest;
        }
        return requestLine();
    }

    public override int Read()
    {
        if (_next >= _line.Length)
        {
            _line = requestLine() + "\n";
            _next = 0;
        }
        return _line[_next++];
    }

    public override int Peek()
    {
        if (_next >= _line.Length)
        {
            _line = requestLine() + "\n";
            _next = 0;
        }
        return _line[_next];
    }

    public override string ReadToEnd() => ReadLine() ?? "";
}
