using Timeline.Domain.Events;
using Timeline.Ingestion.Tests.Support;

namespace Timeline.Ingestion.Tests;

// Outage rules fixed with rules/1.5, specified with sentences written for these specs. Publication date: Thursday 2021-06-10.

public class an_outage_in_a_named_city
{
    [Fact]
    public void has_that_city_as_its_place()
    {
        var outage = Extract.Of<InternetOutage>(
            "Authorities cut mobile internet in Kumasi on Tuesday as protests over fuel prices spread, residents said.").Single();

        Assert.Equal("Kumasi", outage.Place);
        Assert.Equal("GH", outage.Country.Value);
    }

    [Fact]
    public void but_the_city_of_the_dateline_is_not_its_place()
    {
        var outage = Extract.Of<InternetOutage>(
            "ACCRA — Authorities cut mobile internet across Ghana on Tuesday as protests over fuel prices spread.").Single();

        Assert.Null(outage.Place);
    }
}

public class an_outage_told_in_a_dated_dateline_without_a_day_of_its_own
{
    [Fact]
    public void happened_on_the_day_of_the_dateline()
    {
        var outage = Extract.Of<InternetOutage>(
            "KUMASI, June 9 (TW) — Mobile internet was cut across Ghana, residents said, as protests over fuel prices spread.").Single();

        Assert.Equal("2021-06-09", outage.Occurred.ToEdtf());
    }
}
