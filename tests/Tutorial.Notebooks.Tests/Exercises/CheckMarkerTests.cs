using System.Text.Json.Nodes;
using Tutorial.Notebooks.Exercises;

namespace Tutorial.Notebooks.Tests.Exercises;

public class CheckMarkerTests
{
    [Fact]
    public void ToJsonAndParse_RoundTrip_IncludingNaNAndInfinity()
    {
        var result = new CheckResult
        {
            Id = "log-derivative",
            Points = 1.5,
            Passed = false,
            Kind = "function",
            Message = "first mismatch at x = 2",
            Mismatch = new Mismatch("x = 2 (input 3 of 3)", 2, 0.5, double.NaN, double.PositiveInfinity),
            Exception = null,
        };
        var json = CheckMarker.ToJson(result);
        Assert.Equal("NaN", json["mismatch"]!["got"]!.GetValue<string>());
        Assert.Equal("Infinity", json["mismatch"]!["relative_error"]!.GetValue<string>());
        Assert.Equal(0, json["earned"]!.GetValue<double>());
        foreach (var form in new JsonNode[] { json, JsonValue.Create(json.ToJsonString())!, new JsonArray(json.ToJsonString()[..10], json.ToJsonString()[10..]) })
        {
            var back = CheckMarker.Parse(form.DeepClone())!;
            Assert.Equal(result.Id, back.Id);
            Assert.Equal(1.5, back.Points);
            Assert.False(back.Passed);
            Assert.Equal(result.Message, back.Message);
            Assert.Equal(2, back.Mismatch!.Index);
            Assert.True(double.IsNaN(back.Mismatch.Got));
            Assert.Equal(double.PositiveInfinity, back.Mismatch.RelativeError);
        }
        Assert.Null(CheckMarker.Parse("{\"not\": \"a check\"}"));
        Assert.Null(CheckMarker.Parse("not json"));
    }
}
