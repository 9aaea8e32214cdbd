using Timeline.Ingestion.Articles;

namespace Timeline.Ingestion.Reading;

/// <summary>
/// Reads articles from files and folders: .md/.markdown/.txt (optional YAML front matter), .html/.htm, .jsonl (streamed).
/// Every problem is one failed article with a reason (empty, binary, invalid UTF-8, too large, malformed metadata), never
/// an exception that stops the others.
/// </summary>
public static class ArticleFileReader
{
    /// <summary>Largest single-article file (bytes). JSON Lines files may be any size; their lines have their own limit.</summary>
    public const long MaxArticleFileBytes = 10 * 1024 * 1024;

    private static readonly HashSet<string> Supported = new(StringComparer.OrdinalIgnoreCase) { ".md", ".markdown", ".txt", ".text", ".html", ".htm", ".jsonl", ".ndjson" };

    /// <summary>The extensions a folder walk reads, for messages.</summary>
    public static IReadOnlyCollection<string> SupportedExtensions => Supported;

    /// <summary>The files to read for the given paths: files as given, folders walked recursively (supported extensions, sorted, hidden entries skipped).</summary>
    /// <param name="skipped">
    /// Told of each file a folder walk passes over for its extension, so that a folder of PDFs does not end in a silent
    /// "0 articles". Hidden files and a folder's README and the like are passed over without a word.
    /// </param>
    /// <exception cref="FileNotFoundException">A path that does not exist.</exception>
    public static IEnumerable<string> Expand(IEnumerable<string> paths, Action<string>? skipped = null)
    {
        foreach (var path in paths)
        {
            if (File.Exists(path)) { yield return path; continue; }
            if (!Directory.Exists(path)) throw new FileNotFoundException($"'{path}' does not exist.", path);
            var files = Directory.EnumerateFiles(path, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = System.IO.FileAttributes.Hidden | System.IO.FileAttributes.System })
                .Where(f => !Path.GetFileName(f).StartsWith('.'))
                .Order(StringComparer.Ordinal);
            foreach (var f in files)
            {
                if (!Supported.Contains(Path.GetExtension(f))) skipped?.Invoke(f);
                else if (!IsFolderDocumentation(f)) yield return f;
            }
        }
    }

    // A folder of articles often carries its own README; it describes the folder and is not news. Named explicitly,
    // such a file is still read.
    private static bool IsFolderDocumentation(string file) =>
        Path.GetFileNameWithoutExtension(file).ToUpperInvariant() is "README" or "LICENSE" or "CHANGELOG" or "CONTRIBUTING";

    public static IEnumerable<ReadOutcome> Read(string path)
    {
        var extension = Path.GetExtension(path).ToLowerInvariant();
        if (extension is ".jsonl" or ".ndjson")
        {
            Stream stream;
            try { stream = File.OpenRead(path); }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { return [new ReadOutcome.Failed(path, $"cannot open: {ex.Message}")]; }
            return ReadJsonLines(stream, path);
        }
        return [ReadSingle(path, extension)];
    }

    private static IEnumerable<ReadOutcome> ReadJsonLines(Stream stream, string path)
    {
        using (stream)
        {
            if (stream.Length == 0)
            {
                yield return new ReadOutcome.Failed(path, "the file is empty.");
                yield break;
            }
            foreach (var outcome in JsonLinesReader.Read(stream, path)) yield return outcome;
        }
    }

    private static ReadOutcome ReadSingle(string path, string extension)
    {
        byte[] bytes;
        try
        {
            var length = new FileInfo(path).Length;
            if (length == 0) return new ReadOutcome.Failed(path, "the file is empty.");
            if (length > MaxArticleFileBytes)
                return new ReadOutcome.Failed(path, $"the file is {length / (1024.0 * 1024):F0} MB; one article may be at most {MaxArticleFileBytes / (1024 * 1024)} MB.");
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new ReadOutcome.Failed(path, $"cannot read: {ex.Message}");
        }
        return Parse(bytes, path, extension);
    }

    /// <summary>Parses one article from bytes in the format of <paramref name="extension"/>.</summary>
    public static ReadOutcome Parse(ReadOnlySpan<byte> bytes, string origin, string extension)
    {
        if (!TextDecoding.TryDecode(bytes, out var text, out var error)) return new ReadOutcome.Failed(origin, "the file " + error.Replace("it is", "is", StringComparison.Ordinal));
        if (string.IsNullOrWhiteSpace(text)) return new ReadOutcome.Failed(origin, "the file has only whitespace.");
        return extension is ".html" or ".htm" ? HtmlArticleReader.Parse(text, origin) : FrontMatterReader.Parse(text, origin);
    }
}
