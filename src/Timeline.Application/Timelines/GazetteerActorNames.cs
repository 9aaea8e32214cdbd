using Timeline.Ingestion.Rules;
using Timeline.Projections.ActorDirectory;

namespace Timeline.Application.Timelines;

/// <summary>
/// The actor names the ingestion gazetteer knows (its data file <c>actors.tsv</c>: id, kind, country, names and
/// aliases), as the directory's <see cref="KnownActorNames"/>. The projections only see this small port, never the
/// gazetteer itself: the data file is the one thing both sides share.
/// </summary>
public static class GazetteerActorNames
{
    public const string DataFile = "actors.tsv";

    public static KnownActorNames Load() =>
        new(DataFiles.Rows(DataFile, 4)
            .Where(row => row[0].Length > 0)
            .Select(row => (row[0], (IReadOnlyList<string>)row[3].Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))));
}
