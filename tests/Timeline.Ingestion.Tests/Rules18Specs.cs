using Timeline.Domain.Actors;
using Timeline.Domain.Events;
using Timeline.Ingestion.Tests.Support;

namespace Timeline.Ingestion.Tests;

// Rules added with dev articles 83-88 (rules/1.8), specified with sentences written for these specs.
// Publication date: Thursday 2021-06-10.

public class a_meeting_brought_to_a_close
{
    [Fact]
    public void was_held_and_began_as_many_days_before_as_it_lasted()
    {
        var meeting = Extract.Of<ConferenceHeld>("Zambian teachers' unions brought their four-day congress in Ndola to a close on Tuesday.").Single();

        Assert.Equal("2021-06-05", meeting.Occurred.ToEdtf());
        Assert.Equal("ZM", meeting.Country.Value);
    }
}

public class a_building_named_for_meetings
{
    [Theory]
    [InlineData("Riot police sealed off the Congress Hall in Lusaka, where a wedding ended in a brawl on Saturday.")]
    [InlineData("Thieves broke into the Mulungushi Conference Centre in Lusaka, which closed on Saturday for repairs.")]
    public void is_no_meeting_held_in_it(string body)
    {
        Assert.Empty(Extract.Of<ConferenceHeld>(body));
    }
}
