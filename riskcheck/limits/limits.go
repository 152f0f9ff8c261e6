// Package limits is the table of documented risk limits (SECURITY_BEST_PRACTICES.md
// sections 1.1 and 5) and the unit-aware parsing of deployed values. It imports
// nothing heavy so the config package can validate overrides with it.
package limits

import (
	"sort"

	"github.com/bulwark-sec/bulwark/internal/finding"
)

// Kind says how a limit's value is written and compared.
type Kind int

// The kinds of limit value.
const (
	Money     Kind = iota // US dollars: 1000000, "$1,000,000", 1e6, 1_000_000, "1M"
	Percent               // stored as a fraction: 0.15, "15%", 15
	Ratio                 // leverage: 3, "3x"
	Rate                  // orders per second: 10, "10/s", "600/min"
	Frequency             // hertz: 10, "10Hz", or an interval "100ms"
	Count                 // events: 10000, "10,000"
	Duration              // seconds: 300, "300s", "5m"
	Bounded               // a finite non-negative integer (retries)
	Present               // any positive amount (gas price limit)
	Level                 // protection level enum
)

// Op is the direction of the comparison: deployed Op documented must hold.
type Op int

// The comparison directions.
const (
	AtMost  Op = iota // deployed ≤ limit
	AtLeast           // deployed ≥ limit
	Exists            // only presence (and validity) is checked
)

// Limit is one documented limit.
type Limit struct {
	ID       string  // rule suffix: risk.<ID>
	Name     string  // human name
	Kind     Kind    //
	Op       Op      //
	Default  float64 // documented value, in the kind's base unit
	Aliases  []string
	Severity finding.Severity // severity when breached or absent
	Seed     string           // where the seed documents it
	Fix      string
}

// Table is every documented limit, in the seed's order.
var Table = []Limit{
	{ID: "max_position_value", Name: "max position value", Kind: Money, Op: AtMost, Default: 1_000_000, Severity: finding.High, Seed: "1.1",
		Aliases: []string{"max_position_value", "max_position_size", "max_position", "position_limit", "max_position_usd", "position_value_limit", "max_notional"},
		Fix:     "set the maximum position value to $1,000,000 or less"},
	{ID: "max_daily_loss", Name: "max daily loss", Kind: Money, Op: AtMost, Default: 50_000, Severity: finding.High, Seed: "1.1",
		Aliases: []string{"max_daily_loss", "daily_loss_limit", "daily_loss", "max_loss_per_day", "daily_max_loss"},
		Fix:     "set the maximum daily loss to $50,000 or less"},
	{ID: "max_drawdown", Name: "max drawdown", Kind: Percent, Op: AtMost, Default: 0.15, Severity: finding.High, Seed: "1.1",
		Aliases: []string{"max_drawdown", "drawdown_limit", "max_dd", "drawdown"},
		Fix:     "set the maximum drawdown to 15% (0.15) or less"},
	{ID: "max_leverage", Name: "max leverage", Kind: Ratio, Op: AtMost, Default: 3, Severity: finding.High, Seed: "1.1",
		Aliases: []string{"max_leverage", "leverage_limit", "leverage", "max_leverage_ratio"},
		Fix:     "set the maximum leverage to 3.0x or less"},
	{ID: "var_limit", Name: "VaR (95%) limit", Kind: Money, Op: AtMost, Default: 100_000, Severity: finding.High, Seed: "1.1",
		Aliases: []string{"var_limit", "var_95", "var95", "var_limit_95", "max_var", "value_at_risk", "var_95_limit", "max_var_95"},
		Fix:     "set the 95% VaR limit to $100,000 or less"},
	{ID: "max_concentration", Name: "single-position concentration", Kind: Percent, Op: AtMost, Default: 0.30, Severity: finding.Medium, Seed: "1.1",
		Aliases: []string{"max_concentration", "concentration_limit", "max_position_concentration", "position_concentration", "max_single_position", "max_exposure_per_position", "max_position_exposure"},
		Fix:     "limit a single position to 30% of the portfolio or less"},
	{ID: "max_order_rate", Name: "order rate", Kind: Rate, Op: AtMost, Default: 10, Severity: finding.Medium, Seed: "1.1",
		Aliases: []string{"max_orders_per_second", "max_order_rate", "order_rate_limit", "orders_per_second", "max_orders_per_sec", "order_rate"},
		Fix:     "limit order flow to 10 orders per second or less"},
	{ID: "monitoring_frequency", Name: "monitoring frequency", Kind: Frequency, Op: AtLeast, Default: 10, Severity: finding.Medium, Seed: "1.1",
		Aliases: []string{"monitoring_frequency", "monitoring_hz", "monitor_frequency", "monitoring_interval", "monitor_interval", "risk_check_interval", "check_interval"},
		Fix:     "monitor at 10 Hz (an interval of 100ms) or faster"},
	{ID: "risk_event_buffer", Name: "risk event buffer", Kind: Count, Op: AtLeast, Default: 10_000, Severity: finding.Low, Seed: "1.1",
		Aliases: []string{"risk_event_buffer", "max_risk_events", "risk_events_maxlen", "event_buffer_size", "risk_event_buffer_size", "event_history_size"},
		Fix:     "keep at least 10,000 risk events"},
	{ID: "max_slippage", Name: "max slippage", Kind: Percent, Op: AtMost, Default: 0.03, Severity: finding.Medium, Seed: "5.1",
		Aliases: []string{"max_slippage", "slippage_tolerance", "slippage_limit", "max_slippage_tolerance", "slippage"},
		Fix:     "allow at most 3% slippage"},
	{ID: "max_price_impact", Name: "max price impact", Kind: Percent, Op: AtMost, Default: 0.03, Severity: finding.Medium, Seed: "5.2",
		Aliases: []string{"max_price_impact", "price_impact_limit", "price_impact_threshold", "price_impact"},
		Fix:     "allow at most 3% price impact"},
	{ID: "execution_timeout", Name: "execution timeout", Kind: Duration, Op: AtMost, Default: 300, Severity: finding.Medium, Seed: "5.1",
		Aliases: []string{"execution_timeout", "max_execution_time", "execution_timeout_seconds", "tx_timeout", "transaction_timeout", "timeout"},
		Fix:     "time out an execution after 5 minutes or less"},
	{ID: "max_retries", Name: "retry attempts", Kind: Bounded, Op: Exists, Severity: finding.Medium, Seed: "5.1",
		Aliases: []string{"max_retries", "retry_attempts", "max_retry_attempts", "retry_limit", "retries", "max_attempts"},
		Fix:     "bound retries with a finite attempt count"},
	{ID: "gas_price_limit", Name: "gas price limit", Kind: Present, Op: Exists, Severity: finding.Medium, Seed: "5.1",
		Aliases: []string{"gas_price_limit", "max_gas_price", "gas_limit_gwei", "max_gas_price_gwei", "gas_price_cap", "max_fee_per_gas"},
		Fix:     "set a maximum gas price"},
	{ID: "protection_level", Name: "emergency stop / protection level", Kind: Level, Op: Exists, Severity: finding.High, Seed: "1.1, 5.2",
		Aliases: []string{"protection_level", "emergency_stop", "emergency_stop_level", "risk_protection_level", "protection_mode"},
		Fix:     "set the protection level to CONSERVATIVE, AGGRESSIVE or EMERGENCY"},
}

// Levels are the protection levels the seed documents.
var Levels = []string{"NONE", "CONSERVATIVE", "AGGRESSIVE", "EMERGENCY"}

var byID = func() map[string]*Limit {
	m := map[string]*Limit{}
	for i := range Table {
		m[Table[i].ID] = &Table[i]
	}
	return m
}()

// ByID finds a limit by its ID.
func ByID(id string) (*Limit, bool) { l, ok := byID[id]; return l, ok }

// IDs lists every limit ID, sorted.
func IDs() []string {
	ids := make([]string, 0, len(Table))
	for _, l := range Table {
		ids = append(ids, l.ID)
	}
	sort.Strings(ids)
	return ids
}

// Stricter reports whether value a is at least as strict as b for this limit.
func (l *Limit) Stricter(a, b float64) bool {
	switch l.Op {
	case AtMost:
		return a <= b
	case AtLeast:
		return a >= b
	}
	return true
}

// Holds reports whether a deployed value satisfies the effective limit.
func (l *Limit) Holds(deployed, limit float64) bool { return l.Stricter(deployed, limit) }

// Format renders a value of this limit's kind for people.
func (l *Limit) Format(v float64) string { return format(l.Kind, v) }

// Rule is the stable rule ID for this limit.
func (l *Limit) Rule() string { return "risk." + l.ID }
