using Timeline.Domain.Actors;
using Timeline.Domain.Events;
using Timeline.Ingestion.Tests.Support;

namespace Timeline.Ingestion.Tests.StateSpeaker;

// A country that takes a position through its government is the speaker (invented events).
// Publication date: Thursday 2021-06-10.

public class a_country_named_as_the_subject_of_a_speech_verb
{
    [Theory]
    [InlineData("The army dissolved the government of Sudan on Monday. On Monday evening the United States said it was \"deeply alarmed\" and suspended its aid.")]
    [InlineData("The army dissolved the government of Sudan on Monday. The United States said on Monday that it was deeply alarmed.")]
    [InlineData("The army dissolved the government of Sudan on Monday. In response, the United States condemned the coup on Monday.")]
    public void is_the_speaker_with_its_own_country(string body)
    {
        var statement = Extract.Of<StatementMade>(body).Single();

        Assert.Equal("United States", statement.ActorsIn(ActorRole.Speaker).Single().Name);
        Assert.Equal("US", statement.Country.Value);
        Assert.Equal("2021-06-07", statement.Occurred.ToEdtf());
    }
}

public class a_country_that_is_not_alone_the_subject
{
    [Theory]
    [InlineData("Nigeria suspended Twitter on Monday. Amnesty International Nigeria condemned the suspension as an attack on free speech.")]
    [InlineData("Talks resumed in Geneva on Monday. The foreign ministers of Armenia and Azerbaijan said that progress had been made.")]
    [InlineData("Talks resumed in Geneva on Monday. A lawyer who has lived in exile in Germany said that progress had been made.")]
    public void does_not_speak(string body)
    {
        Assert.DoesNotContain(Extract.Of<StatementMade>(body), s => s.ActorsIn(ActorRole.Speaker).Any(a => a.Kind == ActorKind.Country));
    }
}
