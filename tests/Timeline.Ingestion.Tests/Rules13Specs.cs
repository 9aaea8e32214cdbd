using Timeline.Domain.Events;
using Timeline.Ingestion.Tests.Support;

// Its own namespace so that `--filter "FullyQualifiedName~Rules13"` runs exactly these specs (and their siblings).
namespace Timeline.Ingestion.Tests.Rules13;

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
    [InlineData("Users across Zambia lost access to the internet on Tuesday as the vote count began.")]
    [InlineData("Operators in Zambia began blocking Facebook on Tuesday, users said.")]
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

    [Fact]
    public void at_the_weekend_is_the_saturday_before_and_approximate()
    {
        var congress = Extract.Of<ConferenceHeld>(
            "The Green Future Party held its congress in Almaty at the weekend, electing a new leader.").Single();

        Assert.Equal("2021-06-05~", congress.Occurred.ToEdtf());
    }

    [Fact]
    public void last_weekend_written_on_a_sunday_is_the_weekend_before()
    {
        // Given an article published on Sunday 2021-06-13, when "this weekend" is the one still going on
        var congress = Extract.Of<ConferenceHeld>(
            "The Green Future Party held its congress in Almaty last weekend, electing a new leader.", new DateOnly(2021, 6, 13)).Single();

        // Then "last weekend" began on the Saturday a week before
        Assert.Equal("2021-06-05~", congress.Occurred.ToEdtf());
    }

    [Theory]
    [InlineData(2021, 6, 7)]  // a Monday
    [InlineData(2021, 6, 10)] // a Thursday
    [InlineData(2021, 6, 11)] // a Friday
    public void last_weekend_written_on_a_weekday_is_the_weekend_just_gone(int year, int month, int day)
    {
        var congress = Extract.Of<ConferenceHeld>(
            "The Green Future Party held its congress in Almaty last weekend, electing a new leader.", new DateOnly(year, month, day)).Single();

        Assert.Equal("2021-06-05~", congress.Occurred.ToEdtf());
    }
}

public class a_dateline_set_off_by_a_spaced_hyphen
{
    [Fact]
    public void is_read_like_a_dash_and_its_date_is_not_the_events()
    {
        // Given a wire dateline with its own date, set off by " - " rather than a dash
        var outage = Extract.Of<InternetOutage>(
            "LUSAKA, June 9 - Mobile internet was cut across the country on Tuesday, users said.").Single();

        // Then the place gives the country and the event keeps the day the sentence names
        Assert.Equal("ZM", outage.Country.Value);
        Assert.Equal("2021-06-08", outage.Occurred.ToEdtf());
    }
}

public class a_capital_added_to_the_gazetteer
{
    [Theory]
    [InlineData("Libreville", "GA")]
    [InlineData("Paramaribo", "SR")]
    [InlineData("Bujumbura", "BI")]
    [InlineData("Lomé", "TG")]
    [InlineData("Port Moresby", "PG")]
    [InlineData("Ljubljana", "SI")]
    public void places_an_event_in_its_country(string city, string country)
    {
        var outage = Extract.Of<InternetOutage>($"Mobile internet was cut in {city} on Wednesday, users said.").Single();

        Assert.Equal(country, outage.Country.Value);
    }
}
