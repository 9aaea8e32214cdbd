using Timeline.Domain.Events;
using Timeline.Ingestion.Tests.Support;

namespace Timeline.Ingestion.Tests;

// Rules that came with dev articles 46-53 (rules/1.3), each specified with sentences written for these specs.
// Publication date: Thursday 2021-06-10.

public class a_party_declared_unconstitutional
{
    [Fact]
    public void is_a_ban_dated_by_the_ruling()
    {
        var ban = Extract.Of<PartyBanned>(
            "The Constitutional Court of Armenia on Tuesday declared the Dawn Renewal Party unconstitutional and ordered it dissolved.").Single();

        Assert.Equal("2021-06-08", ban.Occurred.ToEdtf());
        Assert.Equal("AM", ban.Country.Value);
    }
}

public class an_outage_told_by_what_users_saw
{
    [Theory]
    [InlineData("Mobile internet collapsed across Zambia on Tuesday, hours before the vote count began.")]
    [InlineData("Internet pages stopped loading across Zambia on Tuesday, users said.")]
    public void is_an_outage_in_that_country(string body)
    {
        var outage = Extract.Of<InternetOutage>(body).Single();

        Assert.Equal("ZM", outage.Country.Value);
        Assert.Equal("2021-06-08", outage.Occurred.ToEdtf());
    }
}

public class a_weekend
{
    [Fact]
    public void over_the_weekend_is_the_saturday_before_and_approximate()
    {
        var congress = Extract.Of<ConferenceHeld>(
            "The Green Future Party held its congress in Almaty over the weekend, electing a new leader.").Single();

        Assert.Equal("2021-06-05~", congress.Occurred.ToEdtf());
    }
}
