namespace TabularOd.Tests; public class Smoke { [Fact] public void Builds() => Assert.True(true); }
public class RootSmoke { [Fact] public void FindsRoot() => Assert.True(File.Exists(Path.Combine(TabularOd.Tests.Support.TestPaths.RepositoryRoot, "TabularOd.sln"))); }
