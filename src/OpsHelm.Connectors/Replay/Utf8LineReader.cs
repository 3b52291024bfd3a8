using System.Buffers;
using System.Text;

namespace OpsHelm.Connectors.Replay;

/// <summary>
/// Reads a UTF-8 file line by line from a byte offset, streaming (one buffer, grown only as far as the longest line allowed),
/// and says where each line ends so a reader can later resume after it. A line longer than the limit is skipped to its end
/// and reported by size, never held in memory.
/// </summary>
internal sealed class Utf8LineReader : IDisposable
{
    private static readonly byte[] Bom = [0xEF, 0xBB, 0xBF];

    private readonly FileStream _file;
    private readonly long _maxLineBytes;
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
    private int _start;
    private int _end;
    private long _bufferOffset;
    private bool _eof;

    public Utf8LineReader(string path, long offset, long maxLineBytes)
    {
        _file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 0, FileOptions.SequentialScan);
        _maxLineBytes = maxLineBytes;
        if (offset == 0)
        {
            Span<byte> head = stackalloc byte[3];
            var read = _file.ReadAtLeast(head, 3, throwOnEndOfStream: false);
            offset = read == 3 && head.SequenceEqual(Bom) ? 3 : 0;
        }
        _file.Position = offset;
        _bufferOffset = offset;
    }

    /// <summary>One line: its text (null when it was over the limit), its size in bytes and the offset just after it.</summary>
    public readonly record struct Line(string? Text, long Bytes, long EndOffset);

    /// <summary>The next line, or null at the end of the file.</summary>
    public async ValueTask<Line?> ReadAsync(CancellationToken cancellationToken)
    {
        var scanned = 0;
        long skipped = 0;
        while (true)
        {
            var newline = _buffer.AsSpan(_start + scanned, _end - _start - scanned).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                var length = scanned + newline;
                var line = skipped > 0 ? new Line(null, skipped + length, 0) : new Line(Decode(_buffer.AsSpan(_start, length)), length, 0);
                _start += length + 1;
                return line with { EndOffset = _bufferOffset + _start };
            }
            scanned = _end - _start;
            if (_eof)
            {
                if (scanned == 0 && skipped == 0)
                {
                    return null;
                }
                var line = skipped > 0 ? new Line(null, skipped + scanned, 0) : new Line(Decode(_buffer.AsSpan(_start, scanned)), scanned, 0);
                _start = _end;
                return line with { EndOffset = _bufferOffset + _end };
            }
            if (scanned > _maxLineBytes)
            {
                // Too long to keep: drop what is buffered and go on counting until the line ends.
                skipped += scanned;
                _bufferOffset += _end;
                _start = _end = 0;
                scanned = 0;
            }
            await FillAsync(cancellationToken);
        }
    }

    private async ValueTask FillAsync(CancellationToken cancellationToken)
    {
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _bufferOffset += _start;
            _end -= _start;
            _start = 0;
        }
        if (_end == _buffer.Length)
        {
            var bigger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
            _buffer.AsSpan(0, _end).CopyTo(bigger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = bigger;
        }
        var read = await _file.ReadAsync(_buffer.AsMemory(_end), cancellationToken);
        _end += read;
        _eof = read == 0;
    }

    private static string Decode(ReadOnlySpan<byte> line) =>
        Encoding.UTF8.GetString(line.Length > 0 && line[^1] == (byte)'\r' ? line[..^1] : line);

    public void Dispose()
    {
        _file.Dispose();
        ArrayPool<byte>.Shared.Return(_buffer);
    }
}
