using Timeline.Domain.Events;
using Timeline.Ingestion.Tests.Support;

namespace Timeline.Ingestion.Tests;

// The country of a statement is the speaker's own, read from the nationality or affiliation in the speaker's apposition or
// title, not the country the article is about. Sentences written for these specs (invented names).
public class a_speaker_whose_nationality_is_stated_in_the_sentence
{
    [Theory]
    [InlineData("Protests continued in Kyrgyzstan. The US ambassador, Martha Kellwood, said on Wednesday that the arrests were unlawful.", "US")]
    [InlineData("Protests continued in Kyrgyzstan. A Pakistani lawyer, Imran Qadeer, said on Wednesday that the trial was unfair.", "PK")]
    [InlineData("Protests continued in Kyrgyzstan. A British Foreign Office minister, Edwin Hartley, said on Wednesday that London was concerned.", "GB")]
    [InlineData("Protests continued in Kyrgyzstan. Doreen Vance, the US State Department spokeswoman, said on Wednesday that the vote was flawed.", "US")]
    [InlineData("Protests continued in Kyrgyzstan. Amnesty International's director in Beirut, Karim Haddad, said on Wednesday that the arrests must end.", "LB")]
    public void is_placed_in_the_speakers_country(string body, string country)
    {
        // Given an article about Kyrgyzstan quoting a foreign speaker whose nationality or office is named
        // When extracted
        var statement = Extract.Of<StatementMade>(body).Single();

        // Then the statement belongs to the speaker's country
        Assert.Equal(country, statement.Country.Value);
    }

    [Fact]
    public void without_a_nationality_the_article_country_is_kept()
    {
        var statement = Extract.Of<StatementMade>("Protests continued in Kyrgyzstan. Aibek Tursunov, a local teacher, said on Wednesday that the arrests were unlawful.").Single();

        Assert.Equal("KG", statement.Country.Value);
    }
}
