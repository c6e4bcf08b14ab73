package lib

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"sort"
	"strings"
)

// DefaultSchemaURL is where bifrost downloads config.schema.json from when no
// local copy is found.
const DefaultSchemaURL = "https://www.getbifrost.ai/schema"

// localSchemaCandidates are the paths, relative to the working directory,
// where bifrost looks for config.schema.json before downloading it.
var localSchemaCandidates = []string{
	"config.schema.json",            // running from transports/ (or an app dir holding a copy)
	"../config.schema.json",         // running from transports/bifrost-http/
	"transports/config.schema.json", // running from the repository root
}

// ValidateConfigSchema validates config data against the first local
// config.schema.json. Where bifrost would download the schema instead,
// bifrost-like never does: it logs that it would, and skips validation.
//
// The check is a small structural subset of JSON Schema: type, properties,
// required, additionalProperties, items, enum, minimum, maximum, minLength
// and local $ref; other keywords are ignored.
func ValidateConfigSchema(data []byte) error {
	var schemaBytes []byte
	var schemaPath string
	for _, candidate := range localSchemaCandidates {
		if raw, err := os.ReadFile(candidate); err == nil {
			schemaBytes, schemaPath = raw, candidate
			break
		}
	}
	if schemaBytes == nil {
		logger.Warn("config.schema.json not found in the working directory; bifrost would download it from %s (bifrost-like never downloads): config.json not validated against the schema", DefaultSchemaURL)
		return nil
	}
	var schema map[string]any
	if err := json.Unmarshal(schemaBytes, &schema); err != nil {
		return fmt.Errorf("failed to parse config schema %s: %w", schemaPath, err)
	}
	var value any
	if err := json.Unmarshal(data, &value); err != nil {
		return fmt.Errorf("invalid JSON: %w", err)
	}
	v := validator{root: schema}
	v.check(schema, value, "")
	if len(v.problems) > 0 {
		return fmt.Errorf("schema validation failed (%s):\n  %s", schemaPath, strings.Join(v.problems, "\n  "))
	}
	logger.Debug("config.json is valid against %s", schemaPath)
	return nil
}

type validator struct {
	root     map[string]any
	problems []string
}

func (v *validator) fail(at, format string, args ...any) {
	if at == "" {
		at = "/"
	}
	v.problems = append(v.problems, "at "+at+": "+fmt.Sprintf(format, args...))
}

func (v *validator) check(schema map[string]any, value any, at string) {
	if ref, ok := schema["$ref"].(string); ok {
		target, found := v.resolve(ref)
		if !found {
			v.fail(at, "schema reference %s not found", ref)
			return
		}
		schema = target
	}
	if types := typeNames(schema["type"]); len(types) > 0 && !matchesAny(value, types) {
		v.fail(at, "got %s, want %s", jsonType(value), strings.Join(types, " or "))
		return
	}
	if enum, ok := schema["enum"].([]any); ok && !contains(enum, value) {
		v.fail(at, "%v is not one of %v", value, enum)
	}
	if number, ok := value.(float64); ok {
		if minimum, ok := schema["minimum"].(float64); ok && number < minimum {
			v.fail(at, "%v is below the minimum %v", number, minimum)
		}
		if maximum, ok := schema["maximum"].(float64); ok && number > maximum {
			v.fail(at, "%v is above the maximum %v", number, maximum)
		}
	}
	if text, ok := value.(string); ok {
		if minLength, ok := schema["minLength"].(float64); ok && float64(len([]rune(text))) < minLength {
			v.fail(at, "%q is shorter than %v characters", text, minLength)
		}
	}
	switch value := value.(type) {
	case map[string]any:
		v.checkObject(schema, value, at)
	case []any:
		if items, ok := schema["items"].(map[string]any); ok {
			for i, item := range value {
				v.check(items, item, fmt.Sprintf("%s/%d", at, i))
			}
		}
	}
}

func (v *validator) checkObject(schema map[string]any, value map[string]any, at string) {
	if required, ok := schema["required"].([]any); ok {
		for _, name := range required {
			if _, present := value[fmt.Sprint(name)]; !present {
				v.fail(at, "missing required property %v", name)
			}
		}
	}
	properties, _ := schema["properties"].(map[string]any)
	names := make([]string, 0, len(value))
	for name := range value {
		names = append(names, name)
	}
	sort.Strings(names) // problems in a stable order
	for _, name := range names {
		if property, ok := properties[name].(map[string]any); ok {
			v.check(property, value[name], at+"/"+name)
			continue
		}
		switch additional := schema["additionalProperties"].(type) {
		case bool:
			if !additional {
				v.fail(at, "property %s is not allowed", name)
			}
		case map[string]any:
			v.check(additional, value[name], at+"/"+name)
		}
	}
}

// resolve follows a reference inside the schema, such as "#/$defs/provider".
func (v *validator) resolve(ref string) (map[string]any, bool) {
	path, ok := strings.CutPrefix(ref, "#/")
	if !ok {
		return nil, false
	}
	var node any = v.root
	for _, part := range strings.Split(path, "/") {
		object, ok := node.(map[string]any)
		if !ok {
			return nil, false
		}
		node = object[part]
	}
	target, ok := node.(map[string]any)
	return target, ok
}

func typeNames(raw any) []string {
	switch raw := raw.(type) {
	case string:
		return []string{raw}
	case []any:
		names := make([]string, 0, len(raw))
		for _, name := range raw {
			names = append(names, fmt.Sprint(name))
		}
		return names
	}
	return nil
}

func matchesAny(value any, types []string) bool {
	for _, name := range types {
		if name == jsonType(value) || (name == "number" && jsonType(value) == "integer") {
			return true
		}
	}
	return false
}

func jsonType(value any) string {
	switch value := value.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case float64:
		if value == math.Trunc(value) {
			return "integer"
		}
		return "number"
	case string:
		return "string"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	}
	return fmt.Sprintf("%T", value)
}

func contains(values []any, value any) bool {
	for _, candidate := range values {
		if candidate == value {
			return true
		}
	}
	return false
}
