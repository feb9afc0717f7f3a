using Concord.Domain.Assistance;
using DelaysPage = Concord.Web.Components.Pages.Assistance.Delays;

namespace Concord.Web.Tests.Components.Pages.Assistance;

public sealed class DelaysTests
{
    [Fact]
    public void the_backlog_speaks_of_one_pledge_in_the_singular_and_of_several_in_the_plural()
    {
        var items = new[] { new BacklogLine("155mm shells", "rounds", 40m) };
        var value = new Dictionary<string, decimal>();
        Assert.Equal("1 pledge with something outstanding; items: 40 rounds of 155mm shells.", DelaysPage.BacklogWords(new Backlog(1, items, value)));
        Assert.Equal("2 pledges with something outstanding; items: 40 rounds of 155mm shells.", DelaysPage.BacklogWords(new Backlog(2, items, value)));
        Assert.Equal("Nothing outstanding.", DelaysPage.BacklogWords(new Backlog(0, [], value)));
    }
}
