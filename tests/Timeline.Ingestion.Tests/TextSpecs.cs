using Timeline.Ingestion.Text;

namespace Timeline.Ingestion.Tests;

public class splitting_sentences
{
    private static List<string> Split(string text) => SentenceSplitter.Default.Split(text).Select(s => s.Text).ToList();

    [Fact]
    public void abbreviations_and_initials_do_not_end_a_sentence()
    {
        // Given a text with "Mr.", "U.S.", "D.C." and an initial
        var text = "Mr. Macron met J. Smith of the U.S. State Department in Washington, D.C. on Friday. They spoke for an hour.";

        // When it is split
        var sentences = Split(text);

        // Then only the real boundary splits it
        Assert.Equal(["Mr. Macron met J. Smith of the U.S. State Department in Washington, D.C. on Friday.", "They spoke for an hour."], sentences);
    }

    [Fact]
    public void a_quotation_with_several_sentences_stays_with_its_attribution()
    {
        var text = "“We did our part. The rest is up to them,” Safarov said. He left.";

        Assert.Equal(["“We did our part. The rest is up to them,” Safarov said.", "He left."], Split(text));
    }

    [Fact]
    public void a_period_inside_brackets_does_not_split()
    {
        var text = "The party (founded in 1990. Banned later.) was popular. Next sentence.";

        Assert.Equal(["The party (founded in 1990. Banned later.) was popular.", "Next sentence."], Split(text));
    }

    [Fact]
    public void line_breaks_end_headlines_and_spans_point_into_the_body()
    {
        var text = "Recent Features\n\nThe internet stopped working. It came back.";

        var sentences = SentenceSplitter.Default.Split(text);

        Assert.Equal(["Recent Features", "The internet stopped working.", "It came back."], sentences.Select(s => s.Text));
        Assert.All(sentences, s => Assert.Equal(s.Text, text.Substring(s.Start, s.Length)));
    }

    [Fact]
    public void a_dotted_acronym_ends_a_sentence_when_a_new_one_clearly_starts()
    {
        Assert.Equal(["He moved to the U.S.", "The move was quiet."], Split("He moved to the U.S. The move was quiet."));
    }
}
