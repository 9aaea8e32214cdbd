namespace Timeline.Ingestion.Rules;

/// <summary>Reads the data files embedded in this assembly (gazetteer tables and rule lexicons).</summary>
public static class DataFiles
{
    public static IEnumerable<string> Lines(string fileName)
    {
        var name = "Timeline.Ingestion.Data." + fileName;
        using var stream = typeof(DataFiles).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The data file '{fileName}' is missing from the assembly.");
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line)
        {
            var trimmed = line.TrimEnd();
            if (trimmed.Length == 0 || trimmed.TrimStart().StartsWith('#')) continue;
            yield return trimmed;
        }
    }

    /// <summary>Tab-separated rows; missing trailing columns read as empty strings.</summary>
    public static IEnumerable<string[]> Rows(string fileName, int columns)
    {
        foreach (var line in Lines(fileName))
        {
            var cells = line.Split('\t');
            if (cells.Length < columns) Array.Resize(ref cells, columns);
            yield return cells.Select(c => c ?? "").ToArray();
        }
    }
}
