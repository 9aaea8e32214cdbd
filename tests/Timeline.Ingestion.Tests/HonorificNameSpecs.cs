using Timeline.Domain.Actors;
using Timeline.Domain.Events;
using Timeline.Ingestion.Tests.Support;

namespace Timeline.Ingestion.Tests.HonorificName;

// An honorific before a single name is part of how the person is called (invented names).
// Publication date: Thursday 2021-06-10.

public class a_person_called_by_an_honorific_and_one_name
{
    [Theory]
    [InlineData("Prime Minister Sheikh Rahima, who addressed the nation on Wednesday evening, promised a judicial inquiry into the deaths.", "Sheikh Rahima")]
    [InlineData("Ayatollah Kashani said on Wednesday that the protests had been organised from abroad.", "Ayatollah Kashani")]
    public void is_a_speaker_with_the_honorific_in_the_name(string sentence, string name)
    {
        var statement = Extract.Of<StatementMade>("Protests continued in Bangladesh. " + sentence).Single();

        Assert.Equal(name, statement.ActorsIn(ActorRole.Speaker).Single().Name);
        Assert.Equal("2021-06-09", statement.Occurred.ToEdtf());
    }
}
