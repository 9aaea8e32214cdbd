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

public class a_decision_taken_at_a_meeting
{
    [Fact]
    public void tells_that_the_meeting_it_was_taken_at_was_held()
    {
        var congress = Extract.Of<ConferenceHeld>(
            "Kojo Asante was re-elected leader of the Green Dawn Party at its congress in Accra on Saturday.").Single();

        Assert.Equal("2021-06-05", congress.Occurred.ToEdtf());
        Assert.Contains(congress.Actors, a => a.Name == "Green Dawn Party");
    }

    [Fact]
    public void or_that_the_meeting_that_took_it_was_held()
    {
        var congress = Extract.Of<ConferenceHeld>(
            "The Green Dawn Party's congress in Accra on Saturday chose Kojo Asante as its presidential candidate.").Single();

        Assert.Equal("2021-06-05", congress.Occurred.ToEdtf());
        Assert.Equal("GH", congress.Country.Value);
    }

    [Fact]
    public void but_a_vote_to_hold_a_meeting_is_no_meeting()
    {
        var meetings = Extract.Of<ConferenceHeld>(
            "The Ghanaian parliament in Accra voted on Tuesday to hold a national congress on land reform.");

        Assert.Empty(meetings);
    }

    [Fact]
    public void and_a_decision_at_a_meeting_years_ago_is_background()
    {
        var meetings = Extract.Of<ConferenceHeld>(
            "Kojo Asante was elected leader of the Green Dawn Party at a congress in Accra in 2015.");

        Assert.Empty(meetings);
    }
}

public class delegates_voting_under_a_headline_about_their_congress
{
    [Fact]
    public void are_that_congress_held_on_the_day_they_voted()
    {
        var congress = Extract.Of<ConferenceHeld>(
            "Nurses' union congress backs national strike\n\nKUMASI, Ghana — Delegates of the Ghana Nurses League (GNL) voted on Saturday for a national strike over unpaid wages.").Single();

        Assert.Equal("2021-06-05", congress.Occurred.ToEdtf());
        Assert.Equal("GH", congress.Country.Value);
        Assert.Contains(congress.Actors, a => a.Name == "Ghana Nurses League" && a.Role == Timeline.Domain.Actors.ActorRole.Organizer);
    }

    [Fact]
    public void but_delegates_voting_in_an_article_that_names_no_meeting_are_not_one()
    {
        var meetings = Extract.Of<ConferenceHeld>(
            "Nurses back national strike\n\nKUMASI, Ghana — Delegates of the Ghana Nurses League (GNL) voted on Saturday for a national strike over unpaid wages.");

        Assert.Empty(meetings);
    }
}

public class a_meeting_of_a_group_whose_name_opens_with_a_figure
{
    [Fact]
    public void has_that_group_as_organiser()
    {
        var assembly = Extract.Of<ConferenceHeld>(
            "The assembly of the 3Volta coalition met in Accra on Sunday.").Single();

        Assert.Contains(assembly.Actors, a => a.Name == "3Volta");
    }
}

public class a_meeting_reported_from_another_city
{
    [Fact]
    public void is_placed_where_it_met_not_where_the_report_was_filed()
    {
        var congress = Extract.Of<ConferenceHeld>(
            "WARSAW — Belarusian exiles held a congress in Vilnius on Sunday to choose a new council.").Single();

        Assert.Equal("Vilnius", congress.Place);
        Assert.Equal("LT", congress.Country.Value);
    }

    [Fact]
    public void and_a_city_naming_someone_s_office_is_not_the_venue()
    {
        var congress = Extract.Of<ConferenceHeld>(
            "LAGOS — The Green Dawn Party chose former Kumasi mayor Ama Owusu as its leader on Sunday at a congress in Accra.").Single();

        Assert.Equal("Accra", congress.Place);
    }
}

public class a_meeting_of_several_days_dated_by_its_close
{
    [Fact]
    public void began_that_many_days_before()
    {
        var congress = Extract.Of<ConferenceHeld>(
            "The Green Dawn Party held a three-day congress in Kumasi that ended on Sunday.").Single();

        Assert.Equal("2021-06-04", congress.Occurred.ToEdtf());
    }

    [Fact]
    public void but_one_dated_by_its_opening_began_that_day()
    {
        var congress = Extract.Of<ConferenceHeld>(
            "The Green Dawn Party opened a three-day congress in Kumasi on Tuesday.").Single();

        Assert.Equal("2021-06-08", congress.Occurred.ToEdtf());
    }

    [Fact]
    public void and_delegates_deciding_on_its_last_day_are_the_same_meeting()
    {
        var congress = Extract.Of<ConferenceHeld>(
            "ACCRA — Delegates of the Green Dawn Party chose Ama Owusu as their candidate on Sunday, at the close of a three-day congress that ended in Kumasi.").Single();

        Assert.Equal("2021-06-04", congress.Occurred.ToEdtf());
    }
}

public class a_forum_told_by_someone_speaking_at_it
{
    [Fact]
    public void was_held_on_the_day_of_the_speech()
    {
        var forum = Extract.Of<ConferenceHeld>(
            "Speaking at a forum on land rights in Accra on Saturday, the farmers' leader Ama Owusu said the new law would be challenged.").Single();

        Assert.Equal("2021-06-05", forum.Occurred.ToEdtf());
        Assert.Equal("GH", forum.Country.Value);
    }

    [Fact]
    public void but_speaking_at_a_news_conference_is_only_a_statement()
    {
        var meetings = Extract.Of<ConferenceHeld>(
            "Speaking at a news conference in Accra on Saturday, Ama Owusu said the law would be challenged.");

        Assert.Empty(meetings);
    }
}

public class a_congress_told_by_those_who_took_part_in_it
{
    [Fact]
    public void was_held_that_day()
    {
        var congress = Extract.Of<ConferenceHeld>(
            "About 500 members of the Green Dawn Party took part in its congress in Accra on Saturday.").Single();

        Assert.Equal("2021-06-05", congress.Occurred.ToEdtf());
        Assert.Equal(500, congress.Attendance);
    }

    [Fact]
    public void but_a_group_that_would_not_take_part_held_nothing()
    {
        var meetings = Extract.Of<ConferenceHeld>(
            "The Volta Reading League said on Tuesday it would not take part in the forum in Accra.");

        Assert.Empty(meetings);
    }
}

public class an_online_forum_with_people_joining_from_abroad
{
    [Fact]
    public void is_in_its_organiser_s_country_not_where_they_joined_from()
    {
        var forum = Extract.Of<ConferenceHeld>(
            "The Kenya Press Freedom Association hosted an online forum on Tuesday with journalists joining from Kampala and Kigali.").Single();

        Assert.Equal("KE", forum.Country.Value);
        Assert.Null(forum.Place);
    }

    [Fact]
    public void while_a_summit_that_delegates_came_from_abroad_to_is_where_it_met()
    {
        var summit = Extract.Of<ConferenceHeld>(
            "Delegates from Kenya and Uganda attended a summit in Kigali on Monday.").Single();

        Assert.Equal("RW", summit.Country.Value);
    }
}

public class a_group_named_for_a_meeting
{
    [Fact]
    public void holding_a_protest_held_no_meeting()
    {
        var meetings = Extract.Of<ConferenceHeld>(
            "The Ghana Civic Forum held a protest in Accra on Saturday against the new security law.");

        Assert.Empty(meetings);
    }

    [Fact]
    public void holding_its_assembly_held_that_assembly()
    {
        var assembly = Extract.Of<ConferenceHeld>(
            "The Ghana Civic Forum held its general assembly in Accra on Saturday.").Single();

        Assert.Equal("assembly in Accra", assembly.Name);
        Assert.Contains(assembly.Actors, a => a.Name == "Ghana Civic Forum" && a.Role == Timeline.Domain.Actors.ActorRole.Organizer);
    }

    [Fact]
    public void but_a_forum_that_was_hosted_or_opened_was_held()
    {
        var hosted = Extract.Of<ConferenceHeld>("Ghana hosted the Accra Investment Forum on Monday.");
        var opened = Extract.Of<ConferenceHeld>("The Accra Investment Forum opened in Accra on Monday.");

        Assert.Single(hosted);
        Assert.Single(opened);
    }
}
