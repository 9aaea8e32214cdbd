using Timeline.Domain.Actors;
using Timeline.Domain.Events;
using Timeline.Ingestion.Tests.Support;

namespace Timeline.Ingestion.Tests;

// Rules added with dev articles 61-66 (rules/1.6), specified with sentences written for these specs.
// Publication date: Thursday 2021-06-10.

public class a_round_table_written_as_two_words
{
    [Fact]
    public void is_a_meeting_that_took_place()
    {
        var meeting = Extract.Of<ConferenceHeld>(
            "A round table on press freedom organised by the Volta Civic League took place in Accra on Monday.").Single();

        Assert.Equal("2021-06-07", meeting.Occurred.ToEdtf());
        Assert.Equal("GH", meeting.Country.Value);
        Assert.Contains(meeting.Actors, a => a.Name == "Volta Civic League" && a.Role == ActorRole.Organizer);
    }

    [Fact]
    public void but_one_proposed_for_next_week_is_not()
    {
        var meetings = Extract.Of<ConferenceHeld>(
            "A second round table, which the students had proposed for next week in Accra, was rejected by the Green Dawn Party on Monday.");

        Assert.Empty(meetings);
    }
}

public class a_decision_taken_at_the_end_of_a_meeting
{
    [Fact]
    public void says_the_meeting_was_held()
    {
        var meeting = Extract.Of<ConferenceHeld>(
            "Kofi Mensah was re-elected leader of the Green Dawn Party in Kumasi on Saturday, at the close of a general convention of the party.").Single();

        Assert.Equal("2021-06-05", meeting.Occurred.ToEdtf());
        Assert.Equal("GH", meeting.Country.Value);
    }

    [Fact]
    public void but_not_when_it_is_a_convention_of_years_ago()
    {
        var meetings = Extract.Of<ConferenceHeld>(
            "Kofi Mensah was first elected leader of the Green Dawn Party in 2015, at the end of a general convention in Kumasi.");

        Assert.Empty(meetings);
    }
}

public class people_who_joined_a_meeting
{
    [Fact]
    public void took_part_in_it()
    {
        var meeting = Extract.Of<ConferenceHeld>(
            "More than 300 teachers in Accra and Kumasi joined an online conference on Tuesday about pay and pensions.").Single();

        Assert.Equal("2021-06-08", meeting.Occurred.ToEdtf());
        Assert.Equal("GH", meeting.Country.Value);
        Assert.Equal(MeetingFormat.Online, meeting.Format);
    }

    [Fact]
    public void but_someone_who_joined_a_party_met_nobody()
    {
        var meetings = Extract.Of<ConferenceHeld>(
            "Ama Owusu joined the Green Dawn Party in Accra on Tuesday, a month before the party congress.");

        Assert.Empty(meetings);
    }
}

public class people_who_came_together_for_a_meeting
{
    [Fact]
    public void sat_down_for_it()
    {
        var meeting = Extract.Of<ConferenceHeld>(
            "Opposition leaders and student representatives sat down for a round table on electoral reform in Accra on Wednesday.").Single();

        Assert.Equal("2021-06-09", meeting.Occurred.ToEdtf());
        Assert.Equal("GH", meeting.Country.Value);
    }

    [Fact]
    public void or_set_up_camp_for_a_named_assembly()
    {
        var meeting = Extract.Of<ConferenceHeld>(
            "Thousands of farmers from the north set up camp in Kumasi on Monday for the Harvest Camp, an annual assembly of growers.").Single();

        Assert.Equal("2021-06-07", meeting.Occurred.ToEdtf());
        Assert.Equal("GH", meeting.Country.Value);
    }

    [Fact]
    public void but_not_when_what_they_came_for_is_no_meeting()
    {
        var meetings = Extract.Of<ConferenceHeld>(
            "Thousands of farmers set up camp in Kumasi on Monday for the harvest, and a meeting of the growers' union is planned for June.");

        Assert.Empty(meetings);
    }
}

public class a_meeting_whose_organiser_the_next_sentence_names
{
    [Fact]
    public void has_the_agent_of_convened_by_as_its_organiser()
    {
        var meeting = Extract.Of<ConferenceHeld>(
            "Some 200 editors from Accra and Lagos took part in an online conference on Tuesday. The conference, convened over Zoom by the Volta Media Institute, heard from ten speakers.").Single();

        Assert.Equal("2021-06-08", meeting.Occurred.ToEdtf());
        Assert.Contains(meeting.Actors, a => a.Name == "Volta Media Institute" && a.Role == ActorRole.Organizer);
    }
}

public class a_coalition_named_at_the_start_of_a_sentence
{
    [Fact]
    public void is_the_group_that_held_the_meeting()
    {
        var meeting = Extract.Of<ConferenceHeld>(
            "The Volta Against Violence coalition held a congress in Accra on Monday.").Single();

        Assert.Contains(meeting.Actors, a => a.Name == "Volta Against Violence" && a.Role == ActorRole.Organizer);
    }

    [Fact]
    public void with_a_country_opening_its_name_speaks_past_an_apposition()
    {
        var statement = Extract.Of<StatementMade>(
            "The Ghana Against Violence coalition, the largest opposition bloc in parliament, said on Monday that it would boycott the vote.").Single();

        Assert.Contains(statement.Actors, a => a.Name == "Ghana Against Violence" && a.Role == ActorRole.Speaker);
        Assert.Equal("2021-06-07", statement.Occurred.ToEdtf());
    }

    [Fact]
    public void but_a_single_qualifying_word_before_movement_names_no_group()
    {
        var meetings = Extract.Of<ConferenceHeld>(
            "The Islamist movement held a congress in Accra on Monday.");

        Assert.DoesNotContain(meetings.SelectMany(m => m.Actors), a => a.Name == "Islamist");
    }
}

public class a_name_that_a_meeting_noun_describes
{
    [Fact]
    public void is_the_meeting_and_not_a_participant()
    {
        var meeting = Extract.Of<ConferenceHeld>(
            "Thousands of farmers set up camp in Kumasi on Monday for the Harvest Camp, an annual assembly. The week-long event, organised by the Volta Farmers League, drew 5,000 people.").Single();

        Assert.DoesNotContain(meeting.Actors, a => a.Name == "Harvest Camp");
        Assert.Contains(meeting.Actors, a => a.Name == "Volta Farmers League" && a.Role == ActorRole.Organizer);
    }
}

public class an_acronym_before_group_or_bloc
{
    [Fact]
    public void names_the_group_whose_leaders_gathered()
    {
        var meeting = Extract.Of<ConferenceHeld>(
            "Leaders of the VCS group gathered in Accra on Tuesday for their annual summit.").Single();

        Assert.Equal("2021-06-08", meeting.Occurred.ToEdtf());
        Assert.Contains(meeting.Actors, a => a.Name == "VCS");
    }

    [Fact]
    public void but_a_qualifying_word_before_group_names_none()
    {
        var bans = Extract.Of<PartyBanned>(
            "The Islamist group was banned in Accra on Tuesday.");

        Assert.DoesNotContain(bans.SelectMany(b => b.Actors), a => a.Name == "Islamist");
    }
}

public class members_of_a_group_who_met
{
    [Fact]
    public void held_a_meeting_of_that_group()
    {
        var meeting = Extract.Of<ConferenceHeld>(
            "Foreign ministers of the Volta Coast Union met in Accra on Sunday.").Single();

        Assert.Equal("2021-06-06", meeting.Occurred.ToEdtf());
        Assert.Equal("GH", meeting.Country.Value);
        Assert.Contains(meeting.Actors, a => a.Name == "Volta Coast Union" && a.Role == ActorRole.Organizer);
    }

    [Fact]
    public void but_leaders_who_met_someone_held_no_meeting_of_their_own()
    {
        var meetings = Extract.Of<ConferenceHeld>(
            "Leaders of the Green Dawn Party met the president in Accra on Sunday.");

        Assert.Empty(meetings);
    }
}
