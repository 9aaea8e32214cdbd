using Timeline.Domain.Events;
using Timeline.Ingestion.Tests.Support;

namespace Timeline.Ingestion.Tests.IndirectSpeech;

// A statement without a quote keeps its indirect speech as the gist (invented names).

public class a_statement_reporting_a_clause
{
    [Fact]
    public void keeps_what_was_said_without_its_verb()
    {
        var statement = Extract.Of<StatementMade>(
            "Protests continued in Kyrgyzstan. The Free Youth Foundation said on Wednesday that the arrests were unlawful.").Single();

        Assert.Equal("on Wednesday that the arrests were unlawful", statement.Gist);
    }
}

public class a_statement_whose_verb_takes_an_object
{
    [Theory]
    [InlineData("The Free Youth Foundation on Wednesday called on its supporters to stay home during the vote.", "called on its supporters to stay home during the vote")]
    [InlineData("Opposition leader Karim Sadykov on Wednesday urged the government to release the detained students.", "urged the government to release the detained students")]
    public void keeps_the_whole_predicate_with_its_verb(string sentence, string gist)
    {
        var statement = Extract.Of<StatementMade>("Protests continued in Kyrgyzstan. " + sentence).Single();

        Assert.Equal(gist, statement.Gist);
        Assert.True(Timeline.Domain.Events.IndirectSpeech.IsPredicate(statement.Gist!));
    }
}

public class a_statement_given_according_to_its_speaker
{
    [Fact]
    public void keeps_what_follows_the_speakers_name()
    {
        var statement = Extract.Of<StatementMade>(
            "Protests continued in Kyrgyzstan. According to opposition leader Karim Sadykov, the arrests on Wednesday were unlawful.").Single();

        Assert.Equal("the arrests on Wednesday were unlawful", statement.Gist);
    }
}
