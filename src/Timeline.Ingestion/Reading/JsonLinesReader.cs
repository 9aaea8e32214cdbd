using System.Buffers;
using System.Text.Json;
using Timeline.Ingestion.Articles;

namespace Timeline.Ingestion.Reading;

/// <summary>
/// JSON Lines, one article per line (id, title, outlet, url, published, language, body). Streamed: one line in memory
/// at a time, so a file of any size reads in flat memory; a bad line is one failed article, the others still read.
/// </summary>
public static class JsonLinesReader
{
    /// <summary>Longest line accepted (bytes); a longer line fails alone and reading goes on after it.</summary>
    public const int MaxLineBytes = 4 * 1024 * 1024;

    public static IEnumerable<ReadOutcome> Read(Stream stream, string origin)
    {
        var lineNumber = 0;
        foreach (var (line, tooLong) in Lines(stream))
        {
            lineNumber++;
            var where = $"{origin}:{lineNumber}";
            if (tooLong)
            {
                yield return new ReadOutcome.Failed(where, $"the line is longer than {MaxLineBytes / (1024 * 1024)} MB.");
                continue;
            }
            if (line.AsSpan().Trim((byte)' ').Trim((byte)'\r').Length == 0) continue;   // blank lines separate nothing
            yield return ParseLine(line, where);
        }
    }

    public static ReadOutcome ParseLine(byte[] line, string where)
    {
        if (!TextDecoding.TryDecode(line, out var text, out var error))
            return new ReadOutcome.Failed(where, "the line " + error.Replace("it is", "is", StringComparison.Ordinal));
        try
        {
            using var json = JsonDocument.Parse(text);
            if (json.RootElement.ValueKind != JsonValueKind.Object)
                return new ReadOutcome.Failed(where, "the line is not a JSON object.");
            string? Field(string name)
            {
                foreach (var p in json.RootElement.EnumerateObject())
                    if (string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
                        return p.Value.ValueKind switch
                        {
                            JsonValueKind.String => p.Value.GetString(),
                            JsonValueKind.Null => null,
                            JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => p.Value.GetRawText(),
                            _ => throw new ArticleRejectedException($"field '{name}' is a {p.Value.ValueKind.ToString().ToLowerInvariant()}; expected text."),
                        };
                return null;
            }
            var body = Field("body") ?? Field("text") ?? Field("content");
            if (body is null) return new ReadOutcome.Failed(where, "the line has no 'body' field.");
            return new ReadOutcome.Read(new ArticleDocument
            {
                Id = Field("id"), Title = Field("title"), Outlet = Field("outlet"), Url = Field("url"),
                Published = Field("published"), Language = Field("language"), Body = body, Origin = where,
            });
        }
        catch (JsonException ex)
        {
            return new ReadOutcome.Failed(where, $"the line is not valid JSON: {ex.Message.Split(" Path:")[0]}");
        }
        catch (ArticleRejectedException ex)
        {
            return new ReadOutcome.Failed(where, ex.Message);
        }
    }

    /// <summary>Raw lines split at '\n', without decoding (each line is decoded alone, so one bad byte spoils one line).</summary>
    private static IEnumerable<(byte[] Line, bool TooLong)> Lines(Stream stream)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        var line = new MemoryStream();
        var tooLong = false;
        try
        {
            int read;
            while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
            {
                var start = 0;
                for (var i = 0; i < read; i++)
                {
                    if (buffer[i] != (byte)'\n') continue;
                    if (!tooLong) line.Write(buffer, start, i - start);
                    yield return (tooLong ? [] : line.ToArray(), tooLong);
                    line.SetLength(0);
                    tooLong = false;
                    start = i + 1;
                }
                if (!tooLong) line.Write(buffer, start, read - start);
                if (line.Length > MaxLineBytes)
                {
                    tooLong = true;
                    line.SetLength(0);
                }
            }
            if (line.Length > 0 || tooLong) yield return (tooLong ? [] : line.ToArray(), tooLong);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
