using Timeline.Domain.Actors;
using Timeline.Domain.Countries;
using Timeline.Domain.Dates;
using Timeline.Domain.Events;
using Timeline.Projections.Routing;

namespace Timeline.Projections.Tests;

public sealed class a_meeting_summary_line
{
    private static readonly EventActor Dck = new(ActorId.Parse("dck"), "Democratic Choice of Kazakhstan", ActorKind.Party, ActorRole.Organizer);
    private static readonly EventActor Ablyazov = new(ActorId.Parse("mukhtar-ablyazov"), "Mukhtar Ablyazov", ActorKind.Person, ActorRole.Participant);

    private static ConferenceHeld Meeting(string name, MeetingFormat format, string? place = null, EventActor? organizer = null, params EventActor[] participants) => new()
    {
        EventId = Guid.NewGuid(),
        Occurred = HistoricalDate.OfDay(2019, 12, 15),
        Country = CountryCode.Parse("KZ"),
        Place = place,
        Actors = organizer is null ? participants : [organizer, .. participants],
        Source = new EventSource { ArticleId = ArticleId.Parse("a-1"), Evidence = "…", EvidenceSpan = new TextSpan(0, 1) },
        Confidence = 0.8,
        Cameo = ConferenceHeld.DefaultCameo,
        Name = name,
        Organizer = organizer?.Id,
        Participants = participants.Select(p => p.Id).ToArray(),
        Format = format,
    };

    [Fact]
    public void says_each_fact_once_when_the_name_was_made_from_them()
    {
        Assert.Equal("Online congress hosted by Democratic Choice of Kazakhstan",
            Summaries.Of(Meeting("online congress hosted by Democratic Choice of Kazakhstan", MeetingFormat.Online, organizer: Dck)));
        Assert.Equal("Conference in Almaty held, with Mukhtar Ablyazov",
            Summaries.Of(Meeting("conference in Almaty", MeetingFormat.InPerson, "Almaty", null, Ablyazov)));
    }

    [Fact]
    public void of_a_named_meeting_says_how_where_and_by_whom_it_was_held()
    {
        Assert.Equal("Kurultai of the movement held online, hosted by Democratic Choice of Kazakhstan",
            Summaries.Of(Meeting("Kurultai of the movement", MeetingFormat.Online, organizer: Dck)));
        Assert.Equal("Steppe Forum held in Almaty, with Mukhtar Ablyazov",
            Summaries.Of(Meeting("Steppe Forum", MeetingFormat.InPerson, "Almaty", null, Ablyazov)));
    }
}

public sealed class a_statement_summary_line
{
    private static readonly EventActor Party = new(ActorId.Parse("free-youth-foundation"), "Free Youth Foundation", ActorKind.Organization, ActorRole.Speaker);

    private static StatementMade Statement(string gist) => new()
    {
        EventId = Guid.NewGuid(),
        Occurred = HistoricalDate.OfDay(2021, 6, 9),
        Country = CountryCode.Parse("KG"),
        Actors = new[] { Party },
        Source = new EventSource { ArticleId = ArticleId.Parse("a-1"), Evidence = "…", EvidenceSpan = new TextSpan(0, 1) },
        Confidence = 0.8,
        Cameo = StatementMade.DefaultCameo,
        Speaker = Party.Id,
        Gist = gist,
    };

    [Fact]
    public void says_what_was_said_after_said()
    {
        Assert.Equal("Free Youth Foundation said the arrests were unlawful", Summaries.Of(Statement("the arrests were unlawful")));
    }

    [Fact]
    public void reads_a_predicate_gist_on_from_the_speaker()
    {
        Assert.Equal("Free Youth Foundation called on its supporters to stay home",
            Summaries.Of(Statement("called on its supporters to stay home")));
        Assert.Equal("Free Youth Foundation urged the government to release the students",
            Summaries.Of(Statement("urged the government to release the students")));
    }
}
