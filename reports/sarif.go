package reports

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"

	"github.com/owenrumney/go-sarif/v3/pkg/report/v210/sarif"

	"github.com/bulwark-sec/bulwark/internal/finding"
)

// fingerprintKey names Bulwark's fingerprint in partialFingerprints; the
// version suffix lets the fingerprint scheme change without colliding.
const fingerprintKey = "bulwark/v1"

// WriteSARIF renders the report as SARIF 2.1.0: one run per scanner (so a code
// scanning UI can filter by tool), rules with help text, and results with
// partialFingerprints so alerts track across commits.
func WriteSARIF(w io.Writer, r *Report) error {
	r.Normalize()
	rep := sarif.NewReport()
	byScanner := map[string][]finding.Finding{}
	for _, f := range r.Findings {
		byScanner[f.Scanner] = append(byScanner[f.Scanner], f)
	}
	names := []string{}
	status := map[string]ScannerRun{}
	for _, s := range r.Scanners {
		names = append(names, s.Name)
		status[s.Name] = s
	}
	for name := range byScanner {
		if _, ok := status[name]; !ok {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	rules := map[string]finding.Rule{}
	for _, ru := range r.Rules {
		rules[ru.Scanner+"\x00"+ru.ID] = ru.Rule
	}
	for _, name := range names {
		rep.AddRun(sarifRun(r, name, status[name], byScanner[name], rules))
	}
	b, err := json.MarshalIndent(rep, "", "  ")
	if err != nil {
		return err
	}
	_, err = w.Write(append(b, '\n'))
	return err
}

func sarifRun(r *Report, name string, s ScannerRun, fs []finding.Finding, catalogue map[string]finding.Rule) *sarif.Run {
	run := sarif.NewRunWithInformationURI("bulwark/"+name, "https://github.com/bulwark-sec/bulwark")
	run.Tool.Driver.Version = ptr(r.Tool.Version)
	run.Tool.Driver.SemanticVersion = nil
	run.Language = "en-US"
	run.ColumnKind = ptr("unicodeCodePoints")
	run.OriginalUriBaseIds = map[string]sarif.ArtifactLocation{
		"SRCROOT": {Description: sarif.NewTextMessage("the root of the scanned repository")},
	}
	inv := sarif.NewInvocation()
	inv.ExecutionSuccessful = ptr(s.Status != "failed")
	if s.Status == "failed" {
		n := sarif.NewNotification().WithLevel("error").WithMessage(sarif.NewTextMessage(s.Error))
		inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications, n)
	}
	if s.Status == "skipped" || s.Status == "disabled" {
		n := sarif.NewNotification().WithLevel("note").WithMessage(sarif.NewTextMessage(s.Status + ": " + s.Reason))
		inv.ToolConfigurationNotifications = append(inv.ToolConfigurationNotifications, n)
	}
	run.Invocations = append(run.Invocations, inv)
	rules := map[string]int{}
	for _, f := range fs {
		if _, ok := rules[f.RuleID]; !ok {
			rules[f.RuleID] = len(run.Tool.Driver.Rules)
			ru, ok := catalogue[name+"\x00"+f.RuleID]
			if !ok { // a report from before the catalogue: describe the rule by the finding
				ru = finding.Rule{ID: f.RuleID, Title: f.Title, Severity: f.Severity, CWE: f.CWE, HelpURI: f.HelpURI}
				ru.Fix, _ = f.Detail["fix"].(string)
			}
			run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, sarifRule(ru))
		}
		run.Results = append(run.Results, sarifResult(f, rules[f.RuleID]))
	}
	return run
}

func sarifRule(f finding.Rule) *sarif.ReportingDescriptor {
	rule := sarif.NewRule(f.ID)
	rule.ShortDescription = sarif.NewMultiformatMessageString().WithText(f.Title)
	if f.Description != "" {
		rule.FullDescription = sarif.NewMultiformatMessageString().WithText(f.Description)
	}
	help := f.Title
	if f.Fix != "" {
		help += ". Fix: " + f.Fix
	}
	if f.HelpURI != "" {
		rule.HelpURI = ptr(f.HelpURI)
		help += ". See " + f.HelpURI
	}
	rule.Help = sarif.NewMultiformatMessageString().WithText(help)
	rule.DefaultConfiguration = sarif.NewReportingConfiguration()
	rule.DefaultConfiguration.Level = level(f.Severity)
	props := sarif.NewPropertyBag()
	props.Add("security-severity", securitySeverity(f.Severity))
	props.Tags = append(props.Tags, "security")
	for _, c := range f.CWE {
		props.Tags = append(props.Tags, "external/cwe/cwe-"+c)
	}
	rule.Properties = props
	return rule
}

func sarifResult(f finding.Finding, ruleIndex int) *sarif.Result {
	res := sarif.NewRuleResult(f.RuleID)
	res.RuleIndex = ruleIndex
	res.Level = level(f.Severity)
	msg := f.Message
	if msg == "" {
		msg = f.Title
	}
	res.Message = sarif.NewTextMessage(msg)
	res.PartialFingerprints = map[string]string{fingerprintKey: f.Fingerprint}
	if f.Path != "" {
		al := sarif.NewArtifactLocation().WithURI(f.Path).WithURIBaseID("SRCROOT")
		pl := sarif.NewPhysicalLocation().WithArtifactLocation(al)
		if f.StartLine > 0 {
			end := f.EndLine
			if end < f.StartLine {
				end = f.StartLine
			}
			pl = pl.WithRegion(sarif.NewSimpleRegion(f.StartLine, end))
		}
		res.Locations = append(res.Locations, sarif.NewLocationWithPhysicalLocation(pl))
	}
	props := sarif.NewPropertyBag()
	props.Add("severity", f.Severity.String())
	if len(f.Also) > 0 {
		props.Add("also", f.Also)
	}
	if len(f.Aliases) > 0 {
		props.Add("aliases", f.Aliases)
	}
	if f.Uncounted != "" {
		props.Add("uncounted", f.Uncounted)
	}
	for k, v := range f.Detail {
		props.Add(k, v)
	}
	res.Properties = props
	return res
}

// level maps Bulwark's five severities onto SARIF's three levels.
func level(s finding.Severity) string {
	switch {
	case s >= finding.High:
		return "error"
	case s == finding.Medium:
		return "warning"
	}
	return "note"
}

// securitySeverity is the numeric score GitHub code scanning sorts by.
func securitySeverity(s finding.Severity) string {
	return fmt.Sprintf("%.1f", map[finding.Severity]float64{
		finding.Critical: 9.5, finding.High: 8.0, finding.Medium: 5.5, finding.Low: 3.0, finding.Info: 0.0,
	}[s])
}

func ptr[T any](v T) *T { return &v }
