using System.Globalization;

namespace Timeline.EventStore;

/// <summary>
/// A place in the global log (<c>$all</c>). EventStoreDB positions are a commit and a prepare position;
/// the embedded store uses one sequence number for both. Positions only ever grow.
/// </summary>
public readonly record struct LogPosition(ulong Commit, ulong Prepare) : IComparable<LogPosition>
{
    public static LogPosition Start => new(0, 0);
    public static LogPosition End => new(ulong.MaxValue, ulong.MaxValue);

    public static LogPosition Of(ulong sequence) => new(sequence, sequence);

    public int CompareTo(LogPosition other)
    {
        var c = Commit.CompareTo(other.Commit);
        return c != 0 ? c : Prepare.CompareTo(other.Prepare);
    }

    public static bool operator <(LogPosition a, LogPosition b) => a.CompareTo(b) < 0;
    public static bool operator >(LogPosition a, LogPosition b) => a.CompareTo(b) > 0;
    public static bool operator <=(LogPosition a, LogPosition b) => a.CompareTo(b) <= 0;
    public static bool operator >=(LogPosition a, LogPosition b) => a.CompareTo(b) >= 0;

    /// <summary>"42" when commit and prepare agree, else "commit/prepare".</summary>
    public override string ToString() =>
        Commit == Prepare
            ? Commit.ToString(CultureInfo.InvariantCulture)
            : $"{Commit.ToString(CultureInfo.InvariantCulture)}/{Prepare.ToString(CultureInfo.InvariantCulture)}";

    public static bool TryParse(string? text, out LogPosition position)
    {
        position = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var parts = text.Trim().Split('/');
        if (parts.Length == 1 && ulong.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var single))
        {
            position = Of(single);
            return true;
        }
        if (parts.Length == 2
            && ulong.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var commit)
            && ulong.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var prepare))
        {
            position = new LogPosition(commit, prepare);
            return true;
        }
        return false;
    }

    public static LogPosition Parse(string text) =>
        TryParse(text, out var p) ? p : throw new FormatException($"'{text}' is not a log position (e.g. 42, or 1024/1024).");
}
