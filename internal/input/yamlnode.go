package input

// YAML syntax trees, read the way backtriage's strict loaders need: values
// as written, positions for messages, and go-yaml's own errors turned into
// file:line:col diagnostics.

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
)

// UnwrapNode looks through tags and anchors to the value they carry; a comment
// alone is no value (nil).
func UnwrapNode(n ast.Node) ast.Node {
	for {
		switch t := n.(type) {
		case *ast.TagNode:
			n = t.Value
		case *ast.AnchorNode:
			n = t.Value
		case *ast.CommentGroupNode:
			return nil
		default:
			return n
		}
	}
}

// NodePairs returns a mapping's key/value pairs; ok is false if n is no mapping.
func NodePairs(n ast.Node) ([]*ast.MappingValueNode, bool) {
	switch t := n.(type) {
	case *ast.MappingNode:
		return t.Values, true
	case *ast.MappingValueNode:
		return []*ast.MappingValueNode{t}, true
	}
	return nil, false
}

// IsScalarNode reports whether n is a single value (string, number, bool...).
func IsScalarNode(n ast.Node) bool {
	switch n.(type) {
	case *ast.StringNode, *ast.IntegerNode, *ast.FloatNode, *ast.BoolNode, *ast.LiteralNode,
		*ast.InfinityNode, *ast.NanNode:
		return true
	}
	return false
}

// NodeText is a scalar as written, so that "no" or "2_to_4h" is an id whatever
// YAML would have made of it.
func NodeText(n ast.Node) string {
	switch t := n.(type) {
	case nil:
		return ""
	case *ast.LiteralNode: // a | or > block: its folded text, not the marker
		if t.Value != nil {
			return t.Value.Value
		}
	case *ast.StringNode:
		return t.Value
	}
	if tk := n.GetToken(); tk != nil {
		return tk.Value
	}
	return n.String()
}

// NodePos is the 1-based line and column of n; 0, 0 when unknown.
func NodePos(n ast.Node) (int, int) {
	if n == nil {
		return 0, 0
	}
	if tk := n.GetToken(); tk != nil && tk.Position != nil {
		return tk.Position.Line, tk.Position.Column
	}
	return 0, 0
}

// DescribeNode names what n is, for "expected X, found Y" messages.
func DescribeNode(n ast.Node) string {
	switch n.(type) {
	case nil, *ast.NullNode:
		return "nothing"
	case *ast.SequenceNode:
		return "a list"
	case *ast.MappingNode, *ast.MappingValueNode:
		return "a mapping"
	case *ast.IntegerNode, *ast.FloatNode:
		return "the number " + NodeText(n)
	case *ast.BoolNode:
		return "the boolean " + NodeText(n)
	case *ast.AliasNode:
		return "an alias"
	}
	if IsScalarNode(n) {
		return strconv.Quote(NodeText(n))
	}
	return "a " + strings.ToLower(n.Type().String())
}

// SplitErrors undoes errors.Join, so each problem can be re-reported.
func SplitErrors(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}

// AddYAMLError records a go-yaml error at its token, prefixed with owner (such
// as `rule "x"`) when given.
func AddYAMLError(errs *List, file, owner string, err error) {
	prefix := ""
	if owner != "" {
		prefix = owner + ": "
	}
	var ye yaml.Error
	if errors.As(err, &ye) {
		line, col := 0, 0
		if tk := ye.GetToken(); tk != nil && tk.Position != nil {
			line, col = tk.Position.Line, tk.Position.Column
		}
		errs.Add(file, line, col, "%s%s", prefix, ye.GetMessage())
		return
	}
	errs.Add(file, 0, 0, "%s%s", prefix, fmt.Sprint(err))
}
