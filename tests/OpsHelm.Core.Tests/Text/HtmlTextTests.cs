using OpsHelm.Core.Text;

namespace OpsHelm.Core.Tests.Text;

public class HtmlTextTests
{
    [Fact]
    public void Scripts_styles_and_head_are_dropped()
    {
        var text = HtmlText.ToText("<html><head><title>t</title><style>p{color:red}</style></head><body><script>alert(1)</script><p>Hello</p></body></html>");
        text.ShouldBe("Hello");
    }

    [Fact]
    public void Table_cells_share_a_line_and_rows_break_lines()
    {
        var text = HtmlText.ToText("<table><tr><td>Company:</td><td>Quarry Lane</td></tr><tr><td>Priority:</td><td>1 - Critical</td></tr></table>");
        text.ShouldBe("Company:\tQuarry Lane\nPriority:\t1 - Critical");
    }

    [Fact]
    public void Deeply_nested_markup_does_not_exhaust_the_stack()
    {
        var html = string.Concat(Enumerable.Repeat("<div>", 50_000)) + "deep" + string.Concat(Enumerable.Repeat("</div>", 50_000));
        HtmlText.ToText(html).ShouldContain("deep");
    }

    [Fact]
    public void Event_handler_attributes_never_reach_the_text()
    {
        HtmlText.ToText("<img src=x onerror=\"alert(1)\"><b>ok</b>").ShouldBe("ok");
    }
}
