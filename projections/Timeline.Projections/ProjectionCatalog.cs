namespace Timeline.Projections;

/// <summary>
/// The projections and their versions. Bump a version when its fold or merge rule changes: the next start
/// sees that the live read model was built by another version and rebuilds it beside the old one.
/// </summary>
/// <remarks>
/// The three projections share one corroboration step (entries are what both timelines list, and the directory
/// counts the same events), so they are built and swapped together as one read-model generation: replaying one
/// of them replays the generation that holds all three, which keeps them consistent with each other.
/// </remarks>
public static class ProjectionCatalog
{
    public const string ActorTimeline = "ActorTimeline";
    public const string CountryTimeline = "CountryTimeline";
    public const string ActorDirectory = "ActorDirectory";

    public static IReadOnlyDictionary<string, int> CurrentVersions { get; } = new SortedDictionary<string, int>(StringComparer.Ordinal)
    {
        // 2: meetings without a host name who took part in their summary line.
        // 3: a statement's gist that keeps its verb ("called on …") reads on from the speaker, without "said".
        [ActorTimeline] = 3,
        [CountryTimeline] = 3,
        [ActorDirectory] = 1,
    };

    public static IReadOnlyList<string> Names { get; } = CurrentVersions.Keys.ToArray();

    /// <summary>Accepts a projection name in any case; null when unknown.</summary>
    public static string? Normalize(string name) =>
        Names.FirstOrDefault(n => string.Equals(n, name.Trim(), StringComparison.OrdinalIgnoreCase));
}

/// <summary>Knobs of the runner; the defaults suit both the CLI and the server.</summary>
public sealed record ProjectionOptions
{
    /// <summary>
    /// Operators (and the crash tests) may make read-model transactions smaller (TIMELINE_PROJECTION_BATCH=N), replay
    /// in log order instead of key by key (TIMELINE_REPLAY_KEY_BY_KEY=0), or spill fewer reports per file
    /// (TIMELINE_REPLAY_SPILL_REPORTS=N).
    /// </summary>
    public static ProjectionOptions FromEnvironment()
    {
        var options = new ProjectionOptions();
        if (int.TryParse(Environment.GetEnvironmentVariable("TIMELINE_PROJECTION_BATCH"), out var batch) && batch > 0)
            options = options with { BatchSize = batch };
        if (Environment.GetEnvironmentVariable("TIMELINE_REPLAY_KEY_BY_KEY") is "0" or "false")
            options = options with { RebuildKeyByKey = false };
        if (int.TryParse(Environment.GetEnvironmentVariable("TIMELINE_REPLAY_SPILL_REPORTS"), out var reports) && reports > 0)
            options = options with { RebuildReportsPerFile = reports };
        return options;
    }

    /// <summary>Projection versions this process builds; tests pass other versions to see a rebuild.</summary>
    public IReadOnlyDictionary<string, int> Versions { get; init; } = ProjectionCatalog.CurrentVersions;
    /// <summary>
    /// Events per read-model transaction while catching up or replaying. An entry that several events of a
    /// transaction join is read and written once, but a transaction's working set (decoded events, entries read
    /// back, their JSON) is held until it commits: 8,192 replayed 300,000 events at 14,400 events/CPU-s and 468 MB
    /// peak RSS, 32,768 at 15,000 and 606 MB, 65,536 at 15,800 and 750 MB (benchmark <c>replay</c>).
    /// </summary>
    public int BatchSize { get; init; } = 8_192;
    /// <summary>
    /// A replay into an empty generation reads the log once and folds it key by key (<c>KeyByKeyRebuild</c>), writing
    /// each entry once; off, it folds the log in order, one transaction of <see cref="BatchSize"/> events at a time,
    /// as catching up does.
    /// </summary>
    public bool RebuildKeyByKey { get; init; } = true;
    /// <summary>
    /// Reports per spill file of a key-by-key rebuild: two files' reports are held decoded at a time (one folded while
    /// the other is written). Replaying 1,000,000 events, 32,768 peaked at 287 MB of managed heap, close enough to the
    /// 336 MB heap limit that a slower machine ran out of memory; 16,384 peaked at 195 MB for the same CPU time.
    /// </summary>
    public int RebuildReportsPerFile { get; init; } = 16_384;
    /// <summary>Live events are committed at least this often…</summary>
    public TimeSpan LiveBufferTime { get; init; } = TimeSpan.FromMilliseconds(100);
    /// <summary>…or when this many have arrived.</summary>
    public int LiveBufferCount { get; init; } = 512;
}
