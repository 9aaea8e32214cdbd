using Timeline.Domain.Events;
using Timeline.Ingestion.Tests.Support;

namespace Timeline.Ingestion.Tests;

// A meeting told twice in one article, and a meeting held alongside another, specified with sentences written for
// these specs. Publication date: Thursday 2021-06-10.

public class a_meeting_told_again_by_its_name
{
    private const string Text =
        "Exiled opposition groups ended a two-day conference in Riga on Tuesday by electing a coordinating council. " +
        "The \"Free Steppe\" conference, held on June 7-8 to mark ten years since the disputed referendum, brought together about 250 delegates, according to the organisers.";

    [Fact]
    public void is_one_meeting_with_the_name_it_was_given_and_the_facts_of_both_sentences()
    {
        var meeting = Extract.Of<ConferenceHeld>(Text).Single();

        Assert.Equal("Free Steppe conference", meeting.Name);
        Assert.Equal("2021-06-07", meeting.Occurred.ToEdtf());
        Assert.Equal("LV", meeting.Country.Value);
        Assert.Equal(250, meeting.Attendance);
        Assert.StartsWith("to mark ten years", meeting.Purpose);
    }

    [Fact]
    public void but_a_conference_elsewhere_on_the_same_days_is_another()
    {
        var meetings = Extract.Of<ConferenceHeld>(
            "Exiled opposition groups ended a two-day conference in Riga on Tuesday by electing a coordinating council. " +
            "A rival conference, held in Vilnius on June 7-8, brought together about 80 delegates.");

        Assert.Equal(["LV", "LT"], meetings.Select(m => m.Country.Value));
    }
}

public class a_side_event
{
    [Fact]
    public void is_held_at_the_meeting_reported_before_it_not_in_the_country_it_was_about()
    {
        var meetings = Extract.Of<ConferenceHeld>(
            "The Baltic Media Forum, the region's largest gathering of journalists, opened in the Estonian capital on Monday. " +
            "Exiled reporter Dana Yusupova addressed a side event on Tuesday about jailed journalists in Uzbekistan.");

        Assert.Equal(2, meetings.Count);
        var side = meetings[1];
        Assert.Equal("EE", side.Country.Value);
        Assert.Equal("2021-06-08", side.Occurred.ToEdtf());
        Assert.Equal("side event at Baltic Media Forum", side.Name);
    }

    [Fact]
    public void named_with_no_meeting_before_it_keeps_the_country_of_its_sentence()
    {
        var meeting = Extract.Of<ConferenceHeld>(
            "Exiled reporter Dana Yusupova addressed a side event in Tallinn on Tuesday about jailed journalists in Uzbekistan.").Single();

        Assert.Equal("EE", meeting.Country.Value);
    }
}
