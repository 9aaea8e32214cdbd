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

public class an_authority_that_ordered_a_halt_to_a_groups_activities
{
    [Fact]
    public void banned_the_group()
    {
        var ban = Extract.Of<PartyBanned>("The Green Dawn Party (GDP) is Ghana's largest opposition group. The justice ministry ordered a halt to all of the GDP's activities on Monday.").Single();

        Assert.Equal("2021-06-07", ban.Occurred.ToEdtf());
        Assert.Equal(ActorId.FromName("Green Dawn Party"), ban.Party);
    }

    [Fact]
    public void but_a_halt_to_a_campaign_is_no_ban()
    {
        Assert.Empty(Extract.Of<PartyBanned>("The Green Dawn Party (GDP) ordered a halt to its campaign in Accra on Monday after the floods."));
    }
}

public class a_month_of_last_year
{
    [Fact]
    public void is_that_month_of_the_year_before_publication()
    {
        var ban = Extract.Of<PartyBanned>("The Green Dawn Party (GDP) is Ghana's largest opposition group. The justice ministry suspended the GDP's activities in May last year.").Single();

        Assert.Equal("2020-05", ban.Occurred.ToEdtf());
    }
}

public class an_authority_that_did_away_with_parties
{
    [Theory]
    [InlineData("Zambia's military council on Monday did away with every political party by decree, including the Patriotic Front.")]
    [InlineData("Zambia's military council abolished the Patriotic Front by decree on Monday.")]
    public void banned_the_party_it_names(string body)
    {
        var ban = Extract.Of<PartyBanned>(body).Single();

        Assert.Equal("2021-06-07", ban.Occurred.ToEdtf());
        Assert.Contains(ban.Actors, a => a.Role == ActorRole.BannedParty && a.Name == "Patriotic Front");
    }
}

public class a_partys_own_body_that_was_convened
{
    [Fact]
    public void met_as_a_meeting_of_that_party()
    {
        var meeting = Extract.Of<ConferenceHeld>("The Green Dawn Party (GDP) leads Ghana's opposition. The national council of the opposition Green Dawn Party was convened in Tamale on Monday to discuss the split.").Single();

        Assert.Equal("2021-06-07", meeting.Occurred.ToEdtf());
        Assert.Contains(meeting.Actors, a => a.Id == ActorId.FromName("Green Dawn Party"));
    }
}

public class a_groups_members_named_after_it_who_met
{
    [Fact]
    public void held_a_meeting_of_that_group()
    {
        var meeting = Extract.Of<ConferenceHeld>("The Green Dawn Party (GDP) leads Ghana's opposition. Exiled GDP leaders met online on Monday and agreed to boycott the vote.").Single();

        Assert.Equal("2021-06-07", meeting.Occurred.ToEdtf());
        Assert.Equal("GH", meeting.Country.Value);
    }

    [Fact]
    public void but_members_who_met_a_minister_held_none()
    {
        Assert.Empty(Extract.Of<ConferenceHeld>("The Green Dawn Party (GDP) leads Ghana's opposition. GDP leaders met the interior minister on Monday."));
    }
}

public class a_leader_removed_at_a_congress
{
    [Fact]
    public void tells_the_congress_was_held_that_day()
    {
        var meeting = Extract.Of<ConferenceHeld>("Kofi Mensah was removed as leader of the Green Dawn Party on Sunday at an extraordinary congress in Kumasi.").Single();

        Assert.Equal("2021-06-06", meeting.Occurred.ToEdtf());
        Assert.Equal("GH", meeting.Country.Value);
    }
}

public class a_party_named_with_its_demonym_after_ruling_or_opposition
{
    [Fact]
    public void keeps_the_demonym_in_its_name()
    {
        var meeting = Extract.Of<ConferenceHeld>("The national council of the opposition Ghanaian Labour Party met in Accra on Monday.").Single();

        Assert.Contains(meeting.Actors, a => a.Name == "Ghanaian Labour Party");
    }
}

public class a_summit_hosted_by_a_state
{
    private const string Body = "West African leaders agreed on a joint force for northern Mali at a summit hosted by Ghana on Monday. "
                                + "The one-day summit, held at a hotel in Accra, also handed the chairmanship of the Economic Community of West African States to President Kofi Mensah.";

    [Fact]
    public void has_that_state_as_host_not_the_country_named_before()
    {
        var meeting = Extract.Of<ConferenceHeld>(Body).Single();

        Assert.Equal("GH", meeting.Country.Value);
        Assert.DoesNotContain(meeting.Actors, a => a.Name == "Mali");
    }

    [Fact]
    public void and_the_guests_the_next_sentence_names()
    {
        var meeting = Extract.Of<ConferenceHeld>(Body).Single();

        Assert.Contains(meeting.Actors, a => a.Name == "Kofi Mensah" && a.Role == ActorRole.Participant);
    }
}

public class an_acronym_with_a_hyphenated_motto
{
    [Fact]
    public void also_names_the_party_without_the_motto()
    {
        var meeting = Extract.Of<ConferenceHeld>("The Ghanaian Party for Progress (GPP-Nkabom) was dissolved last year. Exiled GPP leaders met online on Monday and agreed to boycott the vote.").Single();

        Assert.Contains(meeting.Actors, a => a.Name == "Ghanaian Party for Progress");
    }
}

public class a_decision_at_a_meeting_others_call_staged
{
    [Fact]
    public void still_tells_the_meeting_was_held_that_day()
    {
        var meeting = Extract.Of<ConferenceHeld>("Kofi Mensah was ousted as leader of the Green Dawn Party on Sunday at an extraordinary congress in Kumasi that his allies say was staged.").Single();

        Assert.Equal("2021-06-06", meeting.Occurred.ToEdtf());
    }
}
