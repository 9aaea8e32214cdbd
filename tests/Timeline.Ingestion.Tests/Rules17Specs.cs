using Timeline.Domain.Actors;
using Timeline.Domain.Events;
using Timeline.Ingestion.Tests.Support;

namespace Timeline.Ingestion.Tests;

// Rules added with dev articles 75-82 (rules/1.7), specified with sentences written for these specs.
// Publication date: Thursday 2021-06-10.

public class an_outage_sentence_that_tells_the_service_came_back
{
    [Theory]
    [InlineData("Internet access returned to the northern regions of Ghana on Tuesday, and shops that had been cut off for weeks reopened.")]
    [InlineData("The regulator let Facebook work again in Ghana on Tuesday, ending a shutdown that had lasted nine days.")]
    public void is_a_restoration_not_an_outage(string body)
    {
        Assert.Empty(Extract.Of<InternetOutage>(body));
    }

    [Fact]
    public void but_a_cut_told_on_its_own_is_an_outage()
    {
        var outage = Extract.Of<InternetOutage>("Mobile data was cut in the two northern regions of Ghana on Tuesday.").Single();

        Assert.Equal("2021-06-08", outage.Occurred.ToEdtf());
    }
}

public class an_authority_that_habitually_cuts_the_internet
{
    [Theory]
    [InlineData("Ghana has shut down mobile internet during school exams almost every year since 2016.")]
    [InlineData("The regulator routinely blocked messaging apps in Ghana in June 2019 and again in 2020.")]
    public void tells_background_not_an_outage(string body)
    {
        Assert.Empty(Extract.Of<InternetOutage>(body));
    }
}

public class connections_that_were_cut
{
    [Fact]
    public void are_an_outage()
    {
        var outage = Extract.Of<InternetOutage>("The government cut connections in the Upper East region of Ghana on Monday.").Single();

        Assert.Equal("2021-06-07", outage.Occurred.ToEdtf());
        Assert.Equal("GH", outage.Country.Value);
    }
}

public class a_denial_that_the_internet_was_cut
{
    [Fact]
    public void is_no_outage_even_some_words_before_the_cut()
    {
        Assert.Empty(Extract.Of<InternetOutage>("The protests began in May, and officials denied for weeks that the internet had been cut in the north of Ghana."));
    }
}

public class a_court_that_disbanded_a_party
{
    [Fact]
    public void banned_it()
    {
        var ban = Extract.Of<PartyBanned>("Ghana's Supreme Court on Tuesday disbanded the Green Dawn Party.").Single();

        Assert.Equal("2021-06-08", ban.Occurred.ToEdtf());
        Assert.Equal(ActorId.FromName("Green Dawn Party"), ban.Party);
    }
}

public class a_group_named_as_a_council
{
    [Fact]
    public void is_banned_when_an_authority_bans_it()
    {
        var ban = Extract.Of<PartyBanned>("Ghana's interior minister on Monday banned the Volta Liberation Council (VLC), accusing it of inciting secession.").Single();

        Assert.Equal("2021-06-07", ban.Occurred.ToEdtf());
        Assert.Equal("Volta Liberation Council", ban.Actors.Single(a => a.Role == ActorRole.BannedParty).Name);
    }

    [Fact]
    public void but_a_council_that_was_dissolved_is_no_banned_party()
    {
        Assert.Empty(Extract.Of<PartyBanned>("The president of Ghana on Monday dissolved the Volta Regional Council."));
    }
}

public class an_authority_that_suspended_a_groups_activities
{
    [Fact]
    public void banned_the_group()
    {
        var ban = Extract.Of<PartyBanned>("The Green Dawn Party is Ghana's largest opposition group. The justice ministry suspended the party's activities on Monday.").Single();

        Assert.Equal("2021-06-07", ban.Occurred.ToEdtf());
        Assert.Equal(ActorId.FromName("Green Dawn Party"), ban.Party);
    }

    [Fact]
    public void but_a_group_that_suspended_its_own_campaign_was_not_banned()
    {
        Assert.Empty(Extract.Of<PartyBanned>("The Green Dawn Party suspended its campaign in Accra on Monday after the floods."));
    }
}

public class a_ban_told_inside_a_since_clause
{
    [Fact]
    public void is_a_dated_ban_of_its_own()
    {
        var ban = Extract.Of<PartyBanned>("No party had been dissolved in Ghana since the Volta Unity Party was outlawed in 1981.").Single();

        Assert.Equal("1981", ban.Occurred.ToEdtf());
        Assert.Equal(ActorId.FromName("Volta Unity Party"), ban.Party);
    }

    [Fact]
    public void but_the_ban_as_a_reference_point_is_not()
    {
        Assert.Empty(Extract.Of<PartyBanned>("The Volta Unity Party held its first rally in Accra in 2019 since the ban."));
    }
}

public class the_n_day_meeting_after_a_congress_was_reported
{
    [Fact]
    public void is_that_congress_and_dates_its_first_day()
    {
        var meeting = Extract.Of<ConferenceHeld>(
            "The Green Dawn Party wrapped up its national congress in Kumasi on Tuesday. "
            + "About 900 delegates had gathered in the city from Sunday for the three-day meeting.").Single();

        Assert.Equal("2021-06-06", meeting.Occurred.ToEdtf());
    }
}

public class a_meeting_held_behind_closed_doors
{
    [Fact]
    public void is_not_dated_by_its_close()
    {
        var meeting = Extract.Of<ConferenceHeld>("The three-day forum of the Volta Civic League opened in Accra on Tuesday, held behind closed doors.").Single();

        Assert.Equal("2021-06-08", meeting.Occurred.ToEdtf());
    }
}

public class the_meeting_told_after_people_met
{
    [Fact]
    public void is_their_meeting_on_that_day_and_at_that_place()
    {
        var meeting = Extract.Of<ConferenceHeld>(
            "Health ministers from five West African states met in Accra on Monday. "
            + "The meeting, hosted by the Ghana Health Service, agreed on a joint vaccination plan.").Single();

        Assert.Equal("2021-06-07", meeting.Occurred.ToEdtf());
        Assert.Equal("GH", meeting.Country.Value);
    }

    [Fact]
    public void but_not_when_they_will_only_meet()
    {
        Assert.Empty(Extract.Of<ConferenceHeld>(
            "Health ministers from five West African states will meet in Accra next week. "
            + "The meeting, hosted by the Ghana Health Service, is to agree on a joint vaccination plan."));
    }
}

public class a_closing_speech_at_a_meeting
{
    [Fact]
    public void was_given_on_its_last_day()
    {
        var statements = Extract.Of<StatementMade>(
            "The Green Dawn Party opened its congress in Kumasi on Monday. The congress closed on Wednesday. "
            + "\"We are ready to govern,\" Kofi Mensah told delegates in his closing speech.");

        Assert.Equal("2021-06-09", statements.Single(s => s.Speaker == ActorId.FromName("Kofi Mensah")).Occurred.ToEdtf());
    }
}

public class platforms_named_in_a_story
{
    [Fact]
    public void do_not_make_it_a_story_about_their_home_country()
    {
        var statement = Extract.Of<StatementMade>(
            "The Volta region lost Facebook, WhatsApp, Twitter and YouTube on Monday, a week after protests in Ghana. "
            + "Kofi Mensah, the party's spokesman, said on Tuesday that people were afraid.").Single();

        Assert.Equal("GH", statement.Country.Value);
    }
}

public class the_spokesman_of_a_state_body
{
    [Fact]
    public void speaks_for_that_bodys_state()
    {
        var statements = Extract.Of<StatementMade>(
            "A court in Accra dissolved the Green Dawn Party on Monday, and Ghana's police closed its offices in Kumasi. "
            + "U.S. State Department spokesman Tom Reyes said on Tuesday that Washington was \"deeply concerned\".");

        Assert.Equal("US", statements.Single(s => s.Speaker == ActorId.FromName("Tom Reyes")).Country.Value);
    }
}

public class someone_named_as_a_counterpart
{
    [Fact]
    public void is_a_person_who_can_speak()
    {
        var statement = Extract.Of<StatementMade>(
            "Ghana's foreign minister met his Togolese counterpart Ama Kodjo in Accra on Monday. Kodjo said on Monday that the border would reopen.").Single();

        Assert.Equal(ActorId.FromName("Ama Kodjo"), statement.Speaker);
    }
}

public class an_organisation_named_access_now
{
    [Fact]
    public void taking_a_position_on_a_shutdown_makes_a_statement()
    {
        var statement = Extract.Of<StatementMade>(
            "Ghana cut mobile data in the north on Monday. Access Now wrote on X on Tuesday that the shutdowns punished \"a whole region for a few protests\".").Single();

        Assert.Equal(ActorId.FromName("Access Now"), statement.Speaker);
    }
}

public class a_monitor_or_an_authority_telling_facts_of_an_outage
{
    [Theory]
    [InlineData("Ghana cut mobile data in the north on Monday. The Volta Internet Observatory said on Tuesday that the restrictions affected all major operators.")]
    [InlineData("Ghana cut mobile data in the north on Monday. The National Communications Authority said the block had been ordered by the defence ministry.")]
    public void is_the_outages_provenance_not_a_statement(string body)
    {
        Assert.Empty(Extract.Of<StatementMade>(body));
    }
}

public class a_meeting_told_by_what_it_drew_or_who_opened_it
{
    [Theory]
    [InlineData("A forum on land rights drew some 300 activists to Accra on Tuesday.")]
    [InlineData("President Kofi Mensah inaugurated a regional summit on trade in Accra on Tuesday.")]
    [InlineData("A forum on press freedom, co-hosted by the Volta Civic League, got under way in Accra on Tuesday.")]
    public void is_a_meeting_that_took_place(string body)
    {
        var meeting = Extract.Of<ConferenceHeld>(body).Single();

        Assert.Equal("2021-06-08", meeting.Occurred.ToEdtf());
        Assert.Equal("GH", meeting.Country.Value);
    }
}

public class services_and_outage_words_of_other_reports
{
    [Theory]
    [InlineData("Authorities restricted social media in the Volta region of Ghana on Tuesday.")]
    [InlineData("Internet users in the north of Ghana were disconnected on Tuesday as the protests spread.")]
    [InlineData("Operators turned off 3G and 4G in the north of Ghana on Tuesday.")]
    public void report_an_outage(string body)
    {
        var outage = Extract.Of<InternetOutage>(body).Single();

        Assert.Equal("2021-06-08", outage.Occurred.ToEdtf());
    }
}

public class ministers_of_several_states_who_met
{
    [Fact]
    public void held_a_meeting_where_they_met()
    {
        var meeting = Extract.Of<ConferenceHeld>("Foreign ministers of Ghana, Togo and Benin met in Accra on Tuesday to discuss border security.").Single();

        Assert.Equal("2021-06-08", meeting.Occurred.ToEdtf());
        Assert.Equal("GH", meeting.Country.Value);
    }

    [Fact]
    public void but_ministers_of_one_state_meeting_a_visitor_did_not()
    {
        Assert.Empty(Extract.Of<ConferenceHeld>("Ministers of Ghana met the visiting envoy in Accra on Tuesday."));
    }
}
