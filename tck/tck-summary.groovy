// Run by the root build (maven-invoker-plugin) after tck/ was built: prints, per TCK test class, how many
// tests ran, passed, failed and were skipped, read from surefire's XML reports. It only prints; the
// sub-build's own result decides whether the root build fails.
import javax.xml.parsers.DocumentBuilderFactory

def reports = new File(basedir, 'target/surefire-reports')
def perClass = new TreeMap()
reports.listFiles({ f -> f.name ==~ /TEST-.*\.xml/ } as FileFilter)?.each { file ->
  def cases = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file).getElementsByTagName('testcase')
  for (int i = 0; i < cases.length; i++) {
    def tc = cases.item(i)
    def name = tc.getAttribute('classname').replace('org.eclipse.microprofile.telemetry.tracing.tck.', '')
    def counts = perClass.computeIfAbsent(name) { [run: 0, passed: 0, failed: 0, skipped: 0] }
    counts.run++
    if (tc.getElementsByTagName('failure').length > 0 || tc.getElementsByTagName('error').length > 0) {
      counts.failed++
    } else if (tc.getElementsByTagName('skipped').length > 0) {
      counts.skipped++
    } else {
      counts.passed++
    }
  }
}
if (perClass.isEmpty()) {
  println '[tck] no surefire report found in ' + reports
  return true
}
println '[tck] MicroProfile Telemetry tracing TCK, per test class: run, passed, failed, skipped'
def totals = [run: 0, passed: 0, failed: 0, skipped: 0]
perClass.each { name, c ->
  println String.format('[tck]   %-42s %3d %3d %3d %3d', name, c.run, c.passed, c.failed, c.skipped)
  c.each { k, v -> totals[k] += v }
}
println String.format('[tck] %d test classes: %d run, %d passed, %d failed, %d skipped',
    perClass.size(), totals.run, totals.passed, totals.failed, totals.skipped)
return true
