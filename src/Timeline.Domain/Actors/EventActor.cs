namespace Timeline.Domain.Actors;

public enum ActorKind { Person, Party, Organization, GovernmentBody, Media, Country }

/// <summary>What an actor did or was in one event.</summary>
public enum ActorRole
{
    /// <summary>The party that was banned.</summary>
    BannedParty,
    /// <summary>The court, ministry or government that banned it.</summary>
    BanningAuthority,
    Organizer,
    Host,
    Participant,
    Speaker,
    /// <summary>Named in a statement without speaking.</summary>
    Mentioned,
    /// <summary>Reported the fact (e.g. the outlet that reported an outage).</summary>
    Reporter,
    /// <summary>Affected by the event (e.g. the provider whose network went down).</summary>
    Affected,
}

/// <summary>An actor as it takes part in one event.</summary>
public sealed record EventActor(ActorId Id, string Name, ActorKind Kind, ActorRole Role);
