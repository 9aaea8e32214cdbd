using Timeline.Domain.Actors;
using Timeline.Domain.Events;
using Timeline.Ingestion.Tests.Support;

namespace Timeline.Ingestion.Tests;

// A building that hosts a meeting is neither its organiser nor a participant. Sentences written for these specs.
public class a_conference_held_in_a_named_building
{
    [Theory]
    [InlineData("The Erkin Jol Party held its congress at the Ala-Too Convention Centre in Bishkek on Saturday.")]
    [InlineData("The Erkin Jol Party held a national conference at the Manas Hotel in Bishkek on Saturday.")]
    [InlineData("The Erkin Jol Party held its congress at the Dordoi Sports Stadium in Bishkek on Saturday.")]
    public void lists_the_venue_under_no_role(string body)
    {
        // When extracted
        var conference = Extract.Of<ConferenceHeld>(body).Single();

        // Then no actor named after a building takes part
        Assert.DoesNotContain(conference.Actors, a => a.Name.EndsWith("Centre") || a.Name.EndsWith("Hotel") || a.Name.EndsWith("Stadium"));
        Assert.Contains(conference.Actors, a => a.Name == "Erkin Jol Party" && a.Role == ActorRole.Organizer);
    }
}

public class negotiations_between_parties
{
    [Fact]
    public void are_not_a_conference()
    {
        // Given talks between two parties
        var body = "The Erkin Jol Party and the Kyzyl Tuu Movement held talks in Bishkek on Saturday about a joint list.";

        // When extracted, then no conference is reported
        Assert.Empty(Extract.Of<ConferenceHeld>(body));
    }
}
