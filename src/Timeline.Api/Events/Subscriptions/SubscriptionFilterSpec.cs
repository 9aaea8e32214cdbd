using Timeline.Api.Timelines;
using Timeline.Api.V1;
using Timeline.Application;
using Timeline.Domain.Actors;
using Timeline.Domain.Countries;
using Timeline.Domain.Events;
using Timeline.Domain.Serialization;
using Timeline.EventStore;

namespace Timeline.Api.Events.Subscriptions;

/// <summary>What a subscriber asked for, checked: where to start and which events to pass.</summary>
public sealed record SubscriptionFilterSpec(SubscriptionStart Start, IReadOnlySet<string>? Types, IReadOnlySet<string>? ActorIds, string? ActorName, CountryCode? Country)
{
    public static SubscriptionFilterSpec Parse(SubscribeRequest request, IEnumerable<string> actorIdsFromDirectory)
    {
        var start = ParseStart(request.From);
        var types = TimelineRequestMapping.Types(request.Types_, EventTypeMap.AllNames);

        IReadOnlySet<string>? actorIds = null;
        string? actorName = null;
        if (!string.IsNullOrWhiteSpace(request.Actor))
        {
            actorName = request.Actor.Trim();
            // An actor may be named before it is in the directory: its slug matches the ids extraction will give it.
            var ids = new HashSet<string>(actorIdsFromDirectory, StringComparer.Ordinal);
            if (ActorId.TryParse(actorName, out var id)) ids.Add(id.Value);
            else if (SlugOf(actorName) is { } slug) ids.Add(slug);
            actorIds = ids;
        }

        CountryCode? country = null;
        if (!string.IsNullOrWhiteSpace(request.Country))
        {
            var text = request.Country.Trim();
            country = CountryCode.TryParse(text, out var code) || CountryCode.TryFromName(text, out code)
                ? code
                : throw new InvalidRequestException($"Unknown country '{text}': use an ISO 3166-1 alpha-2 code (e.g. TJ) or an English name.");
        }

        return new SubscriptionFilterSpec(start, types.Count == 0 ? null : types.ToHashSet(StringComparer.Ordinal), actorIds, actorName, country);
    }

    /// <summary>The id extraction would give this name, or null when it has no Latin letters or digits (then names match).</summary>
    private static string? SlugOf(string name)
    {
        var folded = name.Normalize(System.Text.NormalizationForm.FormD);
        return folded.Any(char.IsAsciiLetterOrDigit) ? ActorId.FromName(name).Value : null;
    }

    public static SubscriptionStart ParseStart(string from)
    {
        var text = from.Trim();
        if (text.Length == 0 || text.Equals("end", StringComparison.OrdinalIgnoreCase)) return SubscriptionStart.End;
        if (text.Equals("start", StringComparison.OrdinalIgnoreCase)) return SubscriptionStart.Start;
        return LogPosition.TryParse(text, out var position)
            ? SubscriptionStart.AfterPosition(position)
            : throw new InvalidRequestException($"'{from}' is not a place to subscribe from: use \"start\", \"end\" or a position (e.g. 42).");
    }

    public bool NeedsDecodedEvent => ActorIds is not null || Country is not null;

    /// <summary>Whether a decoded event passes the actor and country filters (the type is checked first, on the envelope).</summary>
    public bool Matches(IDomainEvent e)
    {
        if (!NeedsDecodedEvent) return true;
        if (e is not TimelineEvent t) return false;
        if (Country is { } country && t.Country != country) return false;
        if (ActorIds is not null
            && !t.Actors.Any(a => ActorIds.Contains(a.Id.Value) || string.Equals(a.Name, ActorName, StringComparison.OrdinalIgnoreCase)))
            return false;
        return true;
    }
}
