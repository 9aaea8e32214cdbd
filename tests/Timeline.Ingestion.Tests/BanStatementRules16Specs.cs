using Timeline.Domain.Events;
using Timeline.Ingestion.Tests.Support;

namespace Timeline.Ingestion.Tests;

// Ban, statement and outage rules added with rules/1.6, specified with sentences written for these specs.
// Publication date: Thursday 2021-06-10.

public class a_date_inside_a_relative_aside
{
    [Fact]
    public void is_not_the_date_of_the_act_the_main_clause_reports()
    {
        var ban = Extract.Of<PartyBanned>(
            "The Popular Renewal Front (PRF), which came second in the November 2004 elections, was dissolved by a court in Quito in May 2006.").Single();

        Assert.Equal("2006-05", ban.Occurred.ToEdtf());
    }
}

public class an_organisation_stripped_of_its_legal_status
{
    [Fact]
    public void is_banned_by_the_body_that_stripped_it()
    {
        var ban = Extract.Of<PartyBanned>(
            "QUITO — Ecuador's National Electoral Council on Tuesday stripped the opposition movement Andean Dawn of its legal status.").Single();

        Assert.Equal("andean-dawn", ban.Party.Value);
        Assert.Equal("2021-06-08", ban.Occurred.ToEdtf());
        Assert.Equal("EC", ban.Country.Value);
        Assert.NotNull(ban.BanningAuthority);
    }

    [Fact]
    public void but_a_group_named_after_what_was_taken_is_not_banned_with_it()
    {
        var bans = Extract.Of<PartyBanned>(
            "QUITO — The council stripped the Andean Dawn Party of its legal status in March, weeks after it joined the Civic Front Alliance.");

        Assert.Equal(["andean-dawn-party"], bans.Select(b => b.Party.Value));
    }

    [Fact]
    public void while_a_person_stripped_of_a_seat_is_no_ban()
    {
        Assert.Empty(Extract.Of<PartyBanned>(
            "QUITO — The assembly on Tuesday stripped Deputy Rosa Andrade of the Andean Dawn Party of her seat."));
    }
}

public class a_group_that_became_a_proscribed_organisation
{
    [Fact]
    public void was_banned_that_day()
    {
        var ban = Extract.Of<PartyBanned>(
            "CANBERRA — The Southern Cross Movement became a proscribed terrorist organisation in Australia on Wednesday.").Single();

        Assert.Equal("2021-06-09", ban.Occurred.ToEdtf());
        Assert.Equal("AU", ban.Country.Value);
    }

    [Fact]
    public void while_members_of_a_proscribed_organisation_report_no_new_ban()
    {
        Assert.Empty(Extract.Of<PartyBanned>(
            "CANBERRA — Police on Wednesday arrested two members of a proscribed organisation, the Southern Cross Movement."));
    }
}

public class the_body_that_banned_a_party
{
    private const string Article =
        "QUITO — Ecuador's National Electoral Council on Tuesday dissolved the opposition movement Andean Dawn.\n\n" +
        "In a resolution, the council said the movement had broken the law on party financing.";

    [Fact]
    public void gives_its_reasons_as_part_of_the_ban_not_as_a_statement()
    {
        Assert.Single(Extract.Of<PartyBanned>(Article));
        Assert.Empty(Extract.Of<StatementMade>(Article));
    }

    [Fact]
    public void while_a_body_that_banned_nothing_still_makes_statements()
    {
        var statement = Extract.Of<StatementMade>(
            "QUITO — Ecuador's National Electoral Council said on Tuesday that the vote would go ahead as planned.").Single();

        Assert.Equal("2021-06-08", statement.Occurred.ToEdtf());
    }
}

public class a_speaker_with_a_title_that_names_a_portfolio
{
    [Theory]
    [InlineData("Minister of Foreign Affairs Ana Lucía Vargas said on Tuesday that the talks would resume.", "ana-lucia-vargas")]
    [InlineData("Secretary of State Daniel Okafor said on Tuesday that the talks would resume.", "daniel-okafor")]
    [InlineData("Minister of the Interior Tomas Brenner said on Tuesday that the talks would resume.", "tomas-brenner")]
    public void is_the_person_after_the_title(string sentence, string speaker)
    {
        var statement = Extract.Of<StatementMade>("QUITO — " + sentence).Single();

        Assert.Equal(speaker, statement.Speaker.Value);
    }

    [Fact]
    public void while_a_person_named_after_of_in_a_plain_noun_phrase_is_not_the_speaker()
    {
        var statements = Extract.Of<StatementMade>(
            "QUITO — The family of jailed activist Daniel Okafor said on Tuesday that he was ill.");

        Assert.DoesNotContain(statements, s => s.Speaker.Value == "daniel-okafor");
    }
}

public class the_nationality_in_a_speakers_title
{
    [Theory]
    [InlineData("U.S. Secretary of State Daniel Okafor", "US")]
    [InlineData("Brazilian Foreign Minister Ana Lucía Vargas", "BR")]
    public void is_the_speakers_country_whatever_the_dateline(string titled, string country)
    {
        var statement = Extract.Of<StatementMade>(
            $"QUITO — {titled} said on Tuesday that the election had lost all credibility.").Single();

        Assert.Equal(country, statement.Country.Value);
    }
}

public class a_shutdown_someone_talks_about
{
    [Fact]
    public void is_the_outage_already_reported_not_a_new_one()
    {
        var outages = Extract.Of<InternetOutage>(
            "LUSAKA — Zambia was cut off from the internet on Tuesday evening.\n\n" +
            "Opposition leader Mary Banda said on Thursday that the shutdown was meant to hide fraud.");

        Assert.Equal(["2021-06-08"], outages.Select(o => o.Occurred.ToEdtf()));
    }
}

public class a_verb_that_frames_a_quotation
{
    [Fact]
    public void is_a_statement_when_the_quotation_follows_it()
    {
        var statement = Extract.Of<StatementMade>(
            "QUITO — The movement's leader, Ana Lucía Vargas, called the ruling \"a funeral for democracy\" on Tuesday.").Single();

        Assert.Equal("ana-lucia-vargas", statement.Speaker.Value);
        Assert.Equal("2021-06-08", statement.Occurred.ToEdtf());
    }

    [Fact]
    public void but_calling_for_something_or_a_group_called_something_is_not()
    {
        Assert.Empty(Extract.Of<StatementMade>(
            "QUITO — A new group called Andean Dawn was registered on Tuesday, and its founders called for \"calm\"."));
    }
}

public class a_persons_name_that_is_also_a_city
{
    [Theory]
    [InlineData("Paraguayan President Santiago Peña said on Tuesday that the talks would resume.", "santiago-pena")]
    [InlineData("The movement's leader, Rosa Valencia, said on Tuesday that the talks would resume.", "rosa-valencia")]
    public void is_the_person(string sentence, string speaker)
    {
        var statement = Extract.Of<StatementMade>("QUITO — " + sentence).Single();

        Assert.Equal(speaker, statement.Speaker.Value);
    }
}
