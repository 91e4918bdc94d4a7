/**
 * The hand-written explanations (docs/benchmarks-analysis.md) that the generated report carries
 * over on every run: one `## <part>` section per benchmark part, in Markdown. Text before the
 * first section (the file's own title and instructions) is not copied.
 */
export function parseAnalysis(markdown: string): Map<string, string> {
  const sections = new Map<string, string>();
  let part: string | undefined;
  let body: string[] = [];
  const flush = () => {
    if (part) sections.set(part, body.join('\n').trim());
  };
  for (const line of markdown.split('\n')) {
    const heading = /^## +`?([\w-]+)`?\s*$/.exec(line);
    if (heading) {
      flush();
      part = heading[1];
      body = [];
    } else if (part) {
      body.push(line);
    }
  }
  flush();
  return sections;
}
