using Timeline.Domain.Actors;
using Timeline.Domain.Events;
using Timeline.Ingestion.Tests.Support;

namespace Timeline.Ingestion.Tests.Rules13;

// Statement rules of rules/1.3, specified with sentences written for these specs (invented names).
// Publication date: Thursday 2021-06-10.

public class a_statement_made_from_exile
{
    [Fact]
    public void is_not_placed_in_the_city_of_exile()
    {
        var statement = Extract.Of<StatementMade>(
            "Protests continued in Kyrgyzstan. Opposition leader Karim Sadykov said from exile in Istanbul on Wednesday that the arrests were unlawful.").Single();

        Assert.Null(statement.Place);
        Assert.Equal("KG", statement.Country.Value);
    }
}

public class a_statement_opening_with_where_it_was_issued
{
    [Fact]
    public void is_placed_there()
    {
        var statement = Extract.Of<StatementMade>(
            "Protests continued in Kyrgyzstan. In a statement issued in Bishkek, the Free Youth Foundation said on Wednesday that the arrests were unlawful.").Single();

        Assert.Equal("Bishkek", statement.Place);
    }
}

public class an_organisation_confirming_a_fact
{
    [Fact]
    public void is_its_source_and_not_a_speaker()
    {
        var body = "Protests continued in Kyrgyzstan. The Free Youth Foundation confirmed on Wednesday that twelve of its members had been detained.";

        Assert.Empty(Extract.Of<StatementMade>(body));
    }
}

public class an_organisation_rejecting_an_accusation
{
    [Theory]
    [InlineData("Protests continued in Kyrgyzstan. The Free Youth Foundation on Wednesday rejected the accusation that it had funded the riots.")]
    [InlineData("Protests continued in Kyrgyzstan. The Free Youth Foundation on Wednesday dismissed the claims as lies.")]
    public void makes_a_statement(string body)
    {
        var statement = Extract.Of<StatementMade>(body).Single();

        Assert.Equal("Free Youth Foundation", statement.ActorsIn(ActorRole.Speaker).Single().Name);
        Assert.Equal("2021-06-09", statement.Occurred.ToEdtf());
    }
}

public class according_to_an_office_and_a_name
{
    [Fact]
    public void the_named_person_is_the_speaker()
    {
        var statement = Extract.Of<StatementMade>(
            "Protests continued in Zambia. According to Public Works Minister Daniel Otieno, the arrests on Wednesday were lawful.").Single();

        Assert.Equal("Daniel Otieno", statement.ActorsIn(ActorRole.Speaker).Single().Name);
    }
}

public class the_host_or_chair_of_a_meeting
{
    [Theory]
    [InlineData("Kwame Asante, who hosted the summit, told reporters that the talks had been frank.")]
    [InlineData("Kwame Asante, who chaired the summit, said the leaders had agreed on a joint force.")]
    public void spoke_at_it_even_after_speaking_elsewhere_on_another_day(string last)
    {
        // Given the host's earlier statement on Monday, a summit on Tuesday, and then the host speaking without saying where or when
        var body = "Kwame Asante said on Monday that the region faced grave threats. "
                   + "Leaders of six West African states met in Accra on Tuesday for a summit on regional security. " + last;

        var statements = Extract.Of<StatementMade>(body);

        // Then the later words were said at the summit, on its day, and are not folded into Monday's statement
        var atSummit = Assert.Single(statements, s => s.Venue == "summit in Accra");
        Assert.Equal("2021-06-08", atSummit.Occurred.ToEdtf());
        Assert.Equal(2, statements.Count);
    }
}

public class a_statement_on_the_closing_day
{
    [Fact]
    public void was_made_on_the_day_the_meeting_ended()
    {
        var body = "The Green Future Party held a two-day congress in Almaty that opened on Tuesday and ended on Wednesday. "
                   + "Addressing the congress on the closing day, party leader Aidos Serikov said that the party would contest the vote.";

        var statement = Extract.Of<StatementMade>(body).Single();

        Assert.Equal("congress in Almaty", statement.Venue);
        Assert.Equal("2021-06-09", statement.Occurred.ToEdtf());
    }
}
