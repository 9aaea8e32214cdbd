using Timeline.Domain.Actors;
using Timeline.Domain.Events;
using Timeline.Ingestion.Tests.Support;

namespace Timeline.Ingestion.Tests.Rules13;

// How rules/1.3 reads organisation and person names, specified with sentences written for these specs (invented names).
// Publication date: Thursday 2021-06-10.

public class a_known_name_that_runs_on_into_a_longer_one
{
    [Theory]
    // "Democratic Party" and "National Front" are known (US, FR); here they only begin another organisation's name.
    [InlineData("The transitional council of Mali on Wednesday dissolved the Democratic Party for the Renewal of Mali, accusing it of inciting riots.",
        "Democratic Party for the Renewal of Mali")]
    [InlineData("The military government of Burkina Faso on Wednesday dissolved the National Front of Sahel Patriots, accusing it of inciting riots.",
        "National Front of Sahel Patriots")]
    public void names_the_longer_organisation(string body, string name)
    {
        var ban = Extract.Of<PartyBanned>(body).Single();

        Assert.Equal(name, ban.ActorsIn(ActorRole.BannedParty).Single().Name);
    }
}

public class an_organisation_named_after_its_country
{
    [Fact]
    public void keeps_the_country_in_its_name()
    {
        var statement = Extract.Of<StatementMade>("The Zambia Election Monitors Network said on Wednesday that the arrests were unlawful.").Single();

        Assert.Equal("Zambia Election Monitors Network", statement.ActorsIn(ActorRole.Speaker).Single().Name);
    }
}

public class a_person_in_apposition_to_a_post_of_the_party
{
    [Fact]
    public void is_a_person_and_not_the_party()
    {
        var speaker = Extract.Of<StatementMade>(
            "Protests continued in Kyrgyzstan. Ana Lupescu, a deputy chairwoman of the party, said on Wednesday that the ruling was political.")
            .Single().ActorsIn(ActorRole.Speaker).Single();

        Assert.Equal(ActorKind.Person, speaker.Kind);
        Assert.Equal("Ana Lupescu", speaker.Name);
    }
}

public class a_given_name_that_is_also_a_stop_word
{
    [Theory]
    [InlineData("Jean Christian Mbeki")]
    [InlineData("Rose Peace Nakato")]
    public void belongs_to_the_name_it_stands_in(string name)
    {
        var statement = Extract.Of<StatementMade>($"Protests continued in Kyrgyzstan. {name} said on Wednesday that the ban was unlawful.").Single();

        Assert.Equal(name, statement.ActorsIn(ActorRole.Speaker).Single().Name);
    }
}

public class a_country_possessive_before_a_name
{
    [Fact]
    public void gives_the_speakers_country()
    {
        // Given an article about Kyrgyzstan quoting a speaker introduced as another country's
        var statement = Extract.Of<StatementMade>(
            "Protests continued in Kyrgyzstan. Zambia's Mwila Banda said on Wednesday that the arrests were unlawful.").Single();

        // Then the statement belongs to the speaker's country
        Assert.Equal("ZM", statement.Country.Value);
        Assert.Equal("Mwila Banda", statement.ActorsIn(ActorRole.Speaker).Single().Name);
    }
}

public class an_occupation_opening_a_sentence_before_a_name
{
    [Theory]
    [InlineData("Businessman", "Viktor Balan")]
    [InlineData("Novelist", "Irina Tokareva")]
    [InlineData("Filmmaker", "Daniyar Omurov")]
    public void is_the_speakers_role_and_not_part_of_the_name(string occupation, string name)
    {
        var statement = Extract.Of<StatementMade>(
            $"Protests continued in Kyrgyzstan. {occupation} {name} said on Wednesday that the arrests were unlawful.").Single();

        Assert.Equal(name, statement.ActorsIn(ActorRole.Speaker).Single().Name);
        Assert.Equal(occupation, statement.SpeakerRole);
    }
}
