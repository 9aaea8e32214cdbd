using Timeline.Domain.Actors;
using Timeline.Domain.Countries;
using Timeline.Domain.Events;
using Timeline.Ingestion.Gazetteer;
using Timeline.Ingestion.Tests.Support;
using Timeline.Ingestion.Text;
using GazetteerIndex = Timeline.Ingestion.Gazetteer.Gazetteer;

namespace Timeline.Ingestion.Tests;

public class the_gazetteer
{
    private static List<GazetteerMatch> Match(string text) => GazetteerIndex.Default.Match(Tokenizer.Tokenize(text));

    [Fact]
    public void covers_many_countries_with_names_and_demonyms()
    {
        Assert.True(GazetteerIndex.Default.CountryCount >= 240);
        Assert.Equal("TJ", Assert.Single(Match("the Tajik opposition")).Entry.Country!.Value.Value);
        Assert.Equal("DE", Assert.Single(Match("German police")).Entry.Country!.Value.Value);
        Assert.Equal("BR", Assert.Single(Match("in Brazil")).Entry.Country!.Value.Value);
    }

    [Theory]
    [InlineData("in Dushanbe", "TJ")]
    [InlineData("in Dortmund", "DE")]
    [InlineData("in Washington, D.C. on Friday", "US")]
    [InlineData("in Nairobi", "KE")]
    [InlineData("VILNIUS —", "LT")]
    public void maps_cities_to_their_country(string text, string country) =>
        Assert.Equal(country, Match(text).First(m => m.Entry.Type == EntryType.City).Entry.Country!.Value.Value);

    [Theory]
    [InlineData("Islamic Renascence Party")]
    [InlineData("Islamic Renaissance Party of Tajikistan")]
    [InlineData("IRPT")]
    [InlineData("IRPT’s")]
    public void knows_one_party_under_its_several_names(string name) =>
        Assert.Equal(ActorId.Parse("irpt"), Assert.Single(Match(name)).Entry.Id);

    [Fact]
    public void prefers_the_longest_name()
    {
        var match = Assert.Single(Match("the Center for Strategic Studies under the President of Tajikistan said"));

        Assert.Equal(ActorKind.GovernmentBody, match.Entry.Kind);
    }
}

public class actors_within_one_article
{
    [Fact]
    public void a_person_is_discovered_from_a_role_apposition_and_keeps_a_stable_id()
    {
        // Given a speaker the gazetteer does not know
        var body = "“The plan failed,” Jana Novakova, Director of the Prague Policy Institute, told reporters in Prague on June 9.";

        // When extracted twice
        var first = Extract.Of<StatementMade>(body).Single();
        var second = Extract.Of<StatementMade>(body).Single();

        // Then the speaker has a slug id, her role, and the same event id both times
        Assert.Equal(ActorId.Parse("jana-novakova"), first.Speaker);
        Assert.Equal("Director of the Prague Policy Institute", first.SpeakerRole);
        Assert.Equal(CountryCode.Parse("CZ"), first.Country);
        Assert.Equal(first.EventId, second.EventId);
    }

    [Fact]
    public void a_surname_and_a_pronoun_resolve_to_the_full_name()
    {
        var body = "Kazakh opposition leader Arman Sadykov said in Almaty on June 9 that the vote was rigged. " +
                   "“We will not accept it,” Sadykov said. He further added that protests would continue.";

        var statement = Extract.Of<StatementMade>(body).Single();

        Assert.Equal(ActorId.Parse("arman-sadykov"), statement.Speaker);
        Assert.Single(statement.Quotes);
    }

    [Fact]
    public void a_dateline_agency_code_is_the_reporter_not_an_actor_known_by_the_same_letters()
    {
        // "GW" is also a known university's short name
        var body = "MEXICO CITY, March 11 (GW) — Delegates of the Free Steppe Movement gathered in Mexico City on Sunday for a national congress.";

        var congress = Extract.Of<ConferenceHeld>(body, new DateOnly(2024, 3, 11)).Single();

        Assert.DoesNotContain(congress.Actors, a => a.Id == ActorId.Parse("george-washington-university"));
    }

    [Theory]
    [InlineData("Mexico's governing Morena party", "morena")]
    [InlineData("the ruling Awami League party", "awami-league")]
    public void a_name_before_a_lowercase_party_after_governing_or_ruling_is_the_party(string party, string id)
    {
        var body = $"More than 3,000 delegates of {party} gathered in the capital on Sunday for an extraordinary national congress.";

        var congress = Extract.Of<ConferenceHeld>(body, new DateOnly(2024, 3, 11)).Single();

        var delegates = Assert.Single(congress.Actors, a => a.Id == ActorId.Parse(id));
        Assert.Equal(ActorKind.Party, delegates.Kind);
    }

    [Fact]
    public void an_organisation_named_of_the_country_keeps_the_country_in_its_name()
    {
        var body = "An online forum on press freedom, organised by the National Union of Journalists of the Philippines, took place on Wednesday.";

        var forum = Extract.Of<ConferenceHeld>(body, new DateOnly(2024, 5, 13)).Single();

        Assert.Equal(ActorId.Parse("national-union-of-journalists-of-the-philippines"), forum.Organizer);
        Assert.Equal(CountryCode.Parse("PH"), forum.Country);
    }

    [Fact]
    public void a_regional_government_named_in_lower_case_is_a_government_body()
    {
        var body = "Mayors from Mexico's border states met in Tijuana for a two-day summit on migration on March 2, hosted by the state government of Baja California.";

        var summit = Extract.Of<ConferenceHeld>(body, new DateOnly(2024, 3, 11)).Single();

        var host = Assert.Single(summit.Actors, a => a.Id == ActorId.Parse("state-government-of-baja-california"));
        Assert.Equal(ActorKind.GovernmentBody, host.Kind);
    }

    [Fact]
    public void an_acronym_defined_in_the_text_names_the_same_organization()
    {
        var body = "The Kyrgyz Supreme Court on June 9 banned the Free Steppe Movement (FSM). " +
                   "Members of the FSM said they would appeal.";

        var ban = Extract.Of<PartyBanned>(body).Single();

        Assert.Equal(ActorId.Parse("free-steppe-movement"), ban.Party);
        Assert.Equal(CountryCode.Parse("KG"), ban.Country);
    }
}
