using Timeline.Domain.Actors;
using Timeline.Domain.Events;
using Timeline.Ingestion.Tests.Support;

namespace Timeline.Ingestion.Tests.StatementDay;

// The day a statement was made (invented names).
// Publication date: Thursday 2021-06-10.

public class a_speaker_placed_at_a_meeting_on_a_later_day_of_it
{
    private const string Body =
        "Foreign Minister Lena Varga and her counterpart Tomas Brill shared a stage at the Baltic Dialogue Forum on Wednesday, their first debate in a year. " +
        "The three-day Baltic Dialogue Forum, which opened on Tuesday, drew more than 30 ministers to the Latvian capital Riga. " +
        "\"We will not sign an agreement that is dictated to us,\" Varga said during the panel.";

    [Fact]
    public void speaks_on_that_day_and_not_on_the_opening_day()
    {
        var statement = Extract.Of<StatementMade>(Body).Single(s => s.ActorsIn(ActorRole.Speaker).Single().Name == "Lena Varga");

        Assert.Equal("2021-06-09", statement.Occurred.ToEdtf());
    }
}

public class a_speaker_at_a_meeting_told_only_by_its_opening
{
    [Fact]
    public void speaks_on_the_meetings_own_day()
    {
        var statement = Extract.Of<StatementMade>(
            "The three-day Baltic Dialogue Forum opened in Riga on Tuesday with more than 30 ministers. " +
            "\"We will not sign an agreement that is dictated to us,\" Foreign Minister Lena Varga said during the forum.").Single();

        Assert.Equal("2021-06-08", statement.Occurred.ToEdtf());
    }
}

public class a_statement_dated_after_a_long_quotation
{
    [Fact]
    public void takes_the_day_its_message_was_posted()
    {
        var statement = Extract.Of<StatementMade>(
            "Protests continued in Kyrgyzstan. Opposition leader Karim Sadykov called the ruling \"the end of the last free vote that the people of this country still hoped for\" in a video message posted late on Tuesday.").Single();

        Assert.Equal("2021-06-08", statement.Occurred.ToEdtf());
    }
}

public class a_statement_without_a_day_told_again_with_one_in_the_next_sentence
{
    private const string Body =
        "Protests continued in Kyrgyzstan. The Free Youth Foundation called on students to stay away from classes. " +
        "\"We call on every student to stay at home until the detained are released,\" the foundation said in a statement on Tuesday.";

    [Fact]
    public void is_one_statement_on_that_day_with_the_words_of_both()
    {
        var statement = Extract.Of<StatementMade>(Body).Single();

        Assert.Equal("2021-06-08", statement.Occurred.ToEdtf());
        Assert.StartsWith("We call on every student", statement.Quotes.Single());
        Assert.Equal("called on students to stay away from classes", statement.Gist);
    }

    [Fact]
    public void stays_two_statements_when_a_new_paragraph_gives_the_day()
    {
        var statements = Extract.Of<StatementMade>(Body.Replace(" \"We call", "\n\n\"We call"));

        Assert.Equal(2, statements.Count);
    }
}

public class a_speaker_taking_part_in_the_one_meeting_from_afar
{
    [Theory]
    [InlineData("Speaking by video from Tbilisi, economist Lena Varga argued that the sanctions were beginning to work.")]
    [InlineData("Economist Lena Varga, who spoke via video link from Tbilisi, argued that the sanctions were beginning to work.")]
    public void spoke_at_the_meeting_on_its_day(string sentence)
    {
        var statement = Extract.Of<StatementMade>(
            "The Baltic Dialogue Forum, a gathering of exiled opposition politicians, met in Riga on Monday. " + sentence).Single();

        Assert.Equal("2021-06-07", statement.Occurred.ToEdtf());
    }
}
