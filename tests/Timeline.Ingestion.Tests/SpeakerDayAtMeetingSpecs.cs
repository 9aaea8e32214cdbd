using Timeline.Domain.Actors;
using Timeline.Domain.Events;
using Timeline.Ingestion.Tests.Support;

namespace Timeline.Ingestion.Tests.SpeakerDayAtMeeting;

// A statement at a meeting of several days is dated to the day the article puts its speaker there (invented names).
// Publication date: Thursday 2021-06-10.

public class a_speaker_placed_at_a_meeting_on_a_later_day_of_it
{
    private const string Body =
        "Foreign Minister Lena Varga and her counterpart Tomas Brill shared a stage at the Baltic Dialogue Forum on Wednesday, their first debate in a year. " +
        "The three-day Baltic Dialogue Forum, which opened on Tuesday, drew more than 30 ministers to the Latvian capital Riga. " +
        "\"We will not sign an agreement that is dictated to us,\" Varga said during the panel.";

    [Fact]
    public void speaks_on_that_day_and_not_on_the_opening_day()
    {
        var statement = Extract.Of<StatementMade>(Body).Single(s => s.ActorsIn(ActorRole.Speaker).Single().Name == "Lena Varga");

        Assert.Equal("2021-06-09", statement.Occurred.ToEdtf());
    }
}

public class a_speaker_at_a_meeting_told_only_by_its_opening
{
    [Fact]
    public void speaks_on_the_meetings_own_day()
    {
        var statement = Extract.Of<StatementMade>(
            "The three-day Baltic Dialogue Forum opened in Riga on Tuesday with more than 30 ministers. " +
            "\"We will not sign an agreement that is dictated to us,\" Foreign Minister Lena Varga said during the forum.").Single();

        Assert.Equal("2021-06-08", statement.Occurred.ToEdtf());
    }
}
