namespace Timeline.Ingestion.Tests.Support;

/// <summary>Finds the repository root (the folder with Timeline.sln) from the test assembly, and the shared seeds beside it.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>The seed articles: <c>../shared/seeds</c> next to the checkout (CI puts shared/ there).</summary>
    public static string Seeds => Path.GetFullPath(Path.Combine(Root, "..", "shared", "seeds"));

    public static string DevSet => Path.Combine(AppContext.BaseDirectory, "DevSet");
    public static string HeldOut => Path.Combine(AppContext.BaseDirectory, "HeldOut");
    public static string SeedGold => Path.Combine(AppContext.BaseDirectory, "SeedGold");

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Timeline.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new DirectoryNotFoundException($"No Timeline.sln above {AppContext.BaseDirectory}.");
    }
}

/// <summary>A temporary folder deleted when the test ends.</summary>
public sealed class TempFolder : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "timeline-ingest-" + Guid.NewGuid().ToString("N")[..12]);

    public TempFolder() => Directory.CreateDirectory(Path);

    public string File(string name, string text)
    {
        var full = System.IO.Path.Combine(Path, name);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        System.IO.File.WriteAllText(full, text);
        return full;
    }

    public string Bytes(string name, byte[] bytes)
    {
        var full = System.IO.Path.Combine(Path, name);
        System.IO.File.WriteAllBytes(full, bytes);
        return full;
    }

    public void Dispose()
    {
        // Sqlite may hold the file a moment after disposal on some systems; a leftover temp folder is harmless.
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException ex) { Console.Error.WriteLine($"temp folder {Path} not deleted: {ex.Message}"); }
    }
}
