using OpsHelm.Core.Extraction;
using OpsHelm.Core.Records;

namespace OpsHelm.Core.Tests.Extraction;

public class StatusCueParserTests
{
    [Theory]
    [InlineData("State: On Hold\nOn hold reason: Awaiting Caller", StatusBucket.WaitingOnCustomer)]
    [InlineData("State: On Hold\nOn hold reason: Awaiting Vendor", StatusBucket.WaitingOnVendor)]
    [InlineData("State: On Hold\nOn hold reason: Awaiting Change", StatusBucket.Blocked)]
    [InlineData("State: On Hold", StatusBucket.Blocked)]
    [InlineData("Status: Waiting on Vendor", StatusBucket.WaitingOnVendor)]
    [InlineData("Status: Waiting Customer", StatusBucket.WaitingOnCustomer)]
    [InlineData("State: Work in Progress", StatusBucket.InProgress)]
    [InlineData("State: Pending - Awaiting Caller", StatusBucket.WaitingOnCustomer)]
    public void A_status_field_maps_to_its_bucket_and_a_hold_reason_refines_it(string text, StatusBucket expected)
    {
        var (status, evidence) = StatusCueParser.Parse(text)!.Value;
        status.ShouldBe(expected);
        evidence.ShouldStartWith("status field");
    }

    [Theory]
    [InlineData("Case 00912 opened: laptop will not boot", StatusBucket.New)]
    [InlineData("New case: laptop will not boot", StatusBucket.New)]
    [InlineData("Your request has been logged with our service desk.", StatusBucket.New)]
    [InlineData("The incident state changed to Resolved by the assignee.", StatusBucket.Resolved)]
    [InlineData("Status has been changed to: In Progress", StatusBucket.InProgress)]
    [InlineData("Swapped the PSU, updated the ticket and set it to resolved.", StatusBucket.Resolved)]
    [InlineData("The ticket is now closed.", StatusBucket.Closed)]
    [InlineData("We are waiting on the vendor for a replacement board.", StatusBucket.WaitingOnVendor)]
    public void Status_wording_names_the_words_that_decided_it(string text, StatusBucket expected)
    {
        var (status, evidence) = StatusCueParser.Parse(text)!.Value;
        status.ShouldBe(expected);
        evidence.ShouldStartWith("status wording '");
    }

    [Theory]
    [InlineData("State: Scheduled")]
    [InlineData("Approval: Requested")]
    [InlineData("The warehouse is closed for stocktake on Friday")]
    public void Values_with_no_bucket_and_ordinary_words_are_not_status_cues(string text)
    {
        StatusCueParser.Parse(text).ShouldBeNull();
    }
}
