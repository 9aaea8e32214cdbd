using Timeline.Domain.Events;
using Timeline.Ingestion.Tests.Support;

namespace Timeline.Ingestion.Tests;

// Honorifics, ranks and professions before a name are not part of it (list in Data/lexicon.txt, [person-titles]).
// Sentences written for these specs (invented names).
public class a_person_named_with_a_title_or_rank
{
    [Theory]
    [InlineData("Advocate Ramesh Pillai said on Wednesday that the ban in Kyrgyzstan was unlawful.", "Ramesh Pillai")]
    [InlineData("Dr. Helena Marsh said on Wednesday that the ban in Kyrgyzstan was unlawful.", "Helena Marsh")]
    [InlineData("Colonel Tariq Baig said on Wednesday that the ban in Kyrgyzstan was necessary.", "Tariq Baig")]
    [InlineData("Brigadier Osman Kaya said on Wednesday that the ban in Kyrgyzstan was necessary.", "Osman Kaya")]
    public void speaks_under_the_bare_name(string body, string name)
    {
        // When the statement is extracted
        var speaker = Extract.Of<StatementMade>(body).Single().Actors.Single(a => a.Role == Timeline.Domain.Actors.ActorRole.Speaker);

        // Then the title is neither in the name nor in the actor id
        Assert.Equal(name, speaker.Name);
        Assert.Equal(name.ToLowerInvariant().Replace(' ', '-'), speaker.Id.Value);
    }

    [Fact]
    public void a_later_surname_resolves_to_the_same_person()
    {
        var body = "Advocate Ramesh Pillai spoke in Bishkek on Wednesday. Pillai said that the ban in Kyrgyzstan was unlawful.";

        var speaker = Extract.Of<StatementMade>(body).Single().Actors.Single(a => a.Role == Timeline.Domain.Actors.ActorRole.Speaker);

        Assert.Equal("ramesh-pillai", speaker.Id.Value);
    }
}
