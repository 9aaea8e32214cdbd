using Timeline.Domain.Actors;
using Timeline.Domain.Events;
using Timeline.Ingestion.Gazetteer;

namespace Timeline.Ingestion.Tests.Scoring;

/// <summary>Counts per event type.</summary>
public sealed class TypeScore
{
    public int TruePositives { get; set; }
    public int FalsePositives { get; set; }
    public int FalseNegatives { get; set; }
    public double Precision => TruePositives + FalsePositives == 0 ? 1 : (double)TruePositives / (TruePositives + FalsePositives);
    public double Recall => TruePositives + FalseNegatives == 0 ? 1 : (double)TruePositives / (TruePositives + FalseNegatives);
    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);
}

public sealed record ArticleScore(string Article, List<(GoldEvent Gold, TimelineEvent? Match)> Gold, List<TimelineEvent> Unmatched, List<(GoldNonEvent NonEvent, TimelineEvent Event)> Violations);

/// <summary>
/// The dev-set scorer: an extracted event matches a gold event when type and country are equal, the dates overlap and the
/// extracted one is not less precise than the gold, and one of its principal actors' names, aliases or ids matches a gold
/// actor. Each gold event matches at most one extracted event.
/// </summary>
public static class Scorer
{
    public static readonly string[] Types = ["PartyBanned", "ConferenceHeld", "InternetOutage", "StatementMade"];

    public static ArticleScore Score(string article, IReadOnlyList<TimelineEvent> extracted, IReadOnlyList<GoldEvent> gold, IReadOnlyList<GoldNonEvent> nonEvents)
    {
        var unmatched = extracted.ToList();
        var pairs = new List<(GoldEvent, TimelineEvent?)>();
        foreach (var g in gold)
        {
            var match = unmatched.FirstOrDefault(e => Matches(e, g));
            if (match is not null) unmatched.Remove(match);
            pairs.Add((g, match));
        }
        var violations = new List<(GoldNonEvent, TimelineEvent)>();
        foreach (var n in nonEvents)
            foreach (var e in extracted.Where(e => Violates(e, n)))
                violations.Add((n, e));
        return new ArticleScore(article, pairs, unmatched, violations);
    }

    public static string TypeOf(TimelineEvent e) => e.GetType().Name;

    public static bool Matches(TimelineEvent e, GoldEvent g)
    {
        if (TypeOf(e) != g.Type || e.Country.Value != g.Country) return false;
        var date = g.Date;
        if (!date.Overlaps(e.Occurred) || e.Occurred.Precision < date.Precision) return false;
        return g.Actors.Count == 0 || Principals(e).Any(a => g.Actors.Any(name => SameActor(a, name)));
    }

    public static bool Violates(TimelineEvent e, GoldNonEvent n)
    {
        if (n.Type != "*" && TypeOf(e) != n.Type) return false;
        if (n.Text is { } text) return e.Source.Evidence.Contains(text, StringComparison.OrdinalIgnoreCase);
        if (n.Country is { } country && e.Country.Value != country) return false;
        if (n.Occurred is { } occurred && !GoldDate.Parse(occurred).Overlaps(e.Occurred)) return false;
        if (n.Actors is { Count: > 0 } actors && !Principals(e).Any(a => actors.Any(name => SameActor(a, name)))) return false;
        return n.Country is not null || n.Occurred is not null || n.Actors is { Count: > 0 };
    }

    /// <summary>The actors a gold annotation names: the banned party, the speaker, the organizer/host/participants, the affected country or provider.</summary>
    public static IEnumerable<EventActor> Principals(TimelineEvent e) => e switch
    {
        PartyBanned => e.ActorsIn(ActorRole.BannedParty),
        StatementMade => e.ActorsIn(ActorRole.Speaker),
        ConferenceHeld => e.Actors.Where(a => a.Role is ActorRole.Organizer or ActorRole.Host or ActorRole.Participant),
        InternetOutage => e.Actors.Where(a => a.Role is ActorRole.Affected),
        _ => e.Actors,
    };

    private static bool SameActor(EventActor actor, string goldName)
    {
        if (string.Equals(actor.Name, goldName, StringComparison.OrdinalIgnoreCase)) return true;
        if (actor.Id == ActorId.FromName(goldName) || string.Equals(actor.Id.Value, goldName, StringComparison.OrdinalIgnoreCase)) return true;
        return Gazetteer.Gazetteer.Default.AliasesOf(actor.Id).Any(a => string.Equals(a, goldName, StringComparison.OrdinalIgnoreCase));
    }

    public static Dictionary<string, TypeScore> Totals(IEnumerable<ArticleScore> scores)
    {
        var totals = Types.ToDictionary(t => t, _ => new TypeScore());
        foreach (var s in scores)
        {
            foreach (var (g, m) in s.Gold)
            {
                if (!totals.TryGetValue(g.Type, out var t)) continue;
                if (m is null) t.FalseNegatives++;
                else t.TruePositives++;
            }
            foreach (var e in s.Unmatched)
                if (totals.TryGetValue(TypeOf(e), out var t)) t.FalsePositives++;
        }
        return totals;
    }
}
