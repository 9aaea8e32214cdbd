using Timeline.Domain.Actors;
using Timeline.Domain.Events;
using Timeline.Ingestion.Tests.Support;

namespace Timeline.Ingestion.Tests;

// Actor names fixed with rules/1.5, specified with sentences written for these specs. Publication date: Thursday 2021-06-10.

public class a_group_whose_name_opens_with_a_nationality
{
    [Fact]
    public void is_named_with_it()
    {
        var statement = Extract.Of<StatementMade>(
            "The Ghanaian Nurses' Association said on Monday that wages had not been paid for three months.").Single();

        Assert.Equal("Ghanaian Nurses' Association", statement.ActorsIn(ActorRole.Speaker).Single().Name);
        Assert.Equal("GH", statement.Country.Value);
    }
}

public class a_group_with_a_media_word_in_its_name
{
    [Fact]
    public void is_a_group_that_makes_statements_not_an_outlet()
    {
        var statement = Extract.Of<StatementMade>(
            "The Ghana Press Freedom Association said on Monday that two reporters had been detained in Kumasi.").Single();

        var speaker = statement.ActorsIn(ActorRole.Speaker).Single();
        Assert.Equal("Ghana Press Freedom Association", speaker.Name);
        Assert.Equal(ActorKind.Organization, speaker.Kind);
    }

    [Fact]
    public void but_a_news_agency_stays_an_outlet()
    {
        var actors = Extract.Of<StatementMade>(
            "The Ghana Press News Agency said on Monday that two reporters had been detained in Kumasi.").SelectMany(s => s.Actors);

        Assert.DoesNotContain(actors, a => a.Name == "Ghana Press News Agency" && a.Kind != ActorKind.Media);
    }
}

public class people_counted_out_of_a_group_at_the_start_of_a_sentence
{
    [Fact]
    public void are_not_part_of_the_group_s_name()
    {
        var congress = Extract.Of<ConferenceHeld>(
            "Hundreds of Green Dawn Party supporters gathered in Accra on Saturday for the party's first congress since the ban.").Single();

        Assert.Contains(congress.Actors, a => a.Name == "Green Dawn Party");
        Assert.DoesNotContain(congress.Actors, a => a.Name.StartsWith("Hundreds", StringComparison.Ordinal));
    }
}

public class a_known_group_s_name_after_another_country_s_nationality
{
    [Fact]
    public void is_that_country_s_own_group()
    {
        var congress = Extract.Of<ConferenceHeld>(
            "The Ghanaian Workers' Party held its congress in Accra on Saturday.").Single();

        var organiser = congress.Actors.Single(a => a.Role == ActorRole.Organizer);
        Assert.Equal("Ghanaian Workers' Party", organiser.Name);
    }

    [Fact]
    public void but_after_its_own_country_s_nationality_it_is_the_known_group()
    {
        var congress = Extract.Of<ConferenceHeld>(
            "The Brazilian Workers' Party held its congress in Brasilia on Saturday.").Single();

        Assert.Equal("pt-brazil", congress.Actors.Single(a => a.Role == ActorRole.Organizer).Id.Value);
    }
}
