using Timeline.Domain.Events;
using Timeline.Ingestion.Tests.Support;

namespace Timeline.Ingestion.Tests;

// Data that came with dev articles 54-60 (rules/1.4), specified with sentences written for these specs.
// Publication date: Thursday 2021-06-10.

public class a_meeting_in_a_second_city
{
    [Fact]
    public void is_placed_in_the_country_of_that_city()
    {
        var congress = Extract.Of<ConferenceHeld>(
            "The Workers' Front held its congress in Kumasi on Saturday, electing a new chairman.").Single();

        Assert.Equal("GH", congress.Country.Value);
        Assert.Equal("Kumasi", congress.Place);
    }
}

public class a_gathering_that_was_banned
{
    [Fact]
    public void is_no_ban_of_the_group_that_planned_it()
    {
        var bans = Extract.Of<PartyBanned>(
            "A march that the Green Dawn Party had planned in Lusaka on Saturday was banned by police.");

        Assert.Empty(bans);
    }
}

public class a_summit_told_by_a_speech_made_at_it
{
    [Fact]
    public void is_a_meeting_held_on_the_day_of_the_speech()
    {
        var summit = Extract.Of<ConferenceHeld>(
            "Addressing the opening session of the Pacific Islands summit in Suva on Monday, Fiji's prime minister said the region needed more climate money.").Single();

        Assert.Equal("2021-06-07", summit.Occurred.ToEdtf());
        Assert.Equal("FJ", summit.Country.Value);
    }
}
