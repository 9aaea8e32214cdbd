using Timeline.Domain.Events;
using Timeline.Ingestion.Tests.Support;

namespace Timeline.Ingestion.Tests;

// Conference rules added with dev articles 55-59 (rules/1.5), specified with sentences written for these specs.
// Publication date: Thursday 2021-06-10.

public class a_seminar_on_a_subject_phrased_with_without
{
    [Fact]
    public void is_still_a_seminar_that_was_held()
    {
        var seminar = Extract.Of<ConferenceHeld>(
            "Some 150 lawyers took part on Monday in a seminar in Accra on arrests without warrant organised by the Volta Bar League.").Single();

        Assert.Equal("2021-06-07", seminar.Occurred.ToEdtf());
        Assert.Equal("GH", seminar.Country.Value);
    }

    [Fact]
    public void but_a_meeting_said_to_be_held_without_happening_is_not()
    {
        var meetings = Extract.Of<ConferenceHeld>(
            "The Volta Bar League chose its new chairman in Accra on Monday without holding a congress.");

        Assert.Empty(meetings);
    }
}

public class a_meeting_organised_by_the_group_named_after_by
{
    [Fact]
    public void has_that_group_as_its_organiser()
    {
        var seminar = Extract.Of<ConferenceHeld>(
            "Some 150 students took part on Monday in a seminar in Accra organised by the Volta Reading League.").Single();

        Assert.Contains(seminar.Actors, a => a.Name == "Volta Reading League" && a.Role == Timeline.Domain.Actors.ActorRole.Organizer);
    }
}

public class a_party_body_that_met
{
    [Fact]
    public void is_a_meeting_of_the_party_named_after_of()
    {
        var meeting = Extract.Of<ConferenceHeld>(
            "The central committee of the Green Dawn Party met in Accra on Saturday and chose a new leader.").Single();

        Assert.Equal("2021-06-05", meeting.Occurred.ToEdtf());
        Assert.Equal("GH", meeting.Country.Value);
        Assert.Contains(meeting.Actors, a => a.Name == "Green Dawn Party" && a.Role == Timeline.Domain.Actors.ActorRole.Organizer);
    }

    [Fact]
    public void is_a_meeting_of_the_organisation_a_possessive_refers_to()
    {
        var meeting = Extract.Of<ConferenceHeld>(
            "The Coastal Fishers Union threatened a strike last month. The union's executive board met in Accra on Saturday to discuss the offer.").Single();

        Assert.Equal("2021-06-05", meeting.Occurred.ToEdtf());
        Assert.Contains(meeting.Actors, a => a.Name == "Coastal Fishers Union" && a.Role == Timeline.Domain.Actors.ActorRole.Organizer);
    }

    [Fact]
    public void but_a_state_council_or_a_council_of_ministers_is_no_party_meeting()
    {
        var meetings = Extract.Of<ConferenceHeld>(
            "The UN Security Council met in New York on Monday. In Accra, the council of ministers met on Tuesday.");

        Assert.Empty(meetings);
    }

    [Fact]
    public void and_a_body_due_to_meet_has_not_met()
    {
        var meetings = Extract.Of<ConferenceHeld>(
            "The Green Dawn Party's board is due to meet in Accra on Thursday.");

        Assert.Empty(meetings);
    }
}
