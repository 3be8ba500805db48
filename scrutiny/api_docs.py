"""The API reference page, built from the OpenAPI schema so it can never disagree with the API."""

from django.shortcuts import render

from scrutiny.api import api


def schema_type(schema: dict, components: dict) -> str:
    """A short readable type for a JSON schema: "string", "list of Report", "date or null"."""
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[-1]
    if "anyOf" in schema:
        return " or ".join(schema_type(option, components) for option in schema["anyOf"])
    if schema.get("type") == "array":
        return f"list of {schema_type(schema.get('items', {}), components)}"
    if "enum" in schema:
        return "one of " + ", ".join(str(value) for value in schema["enum"])
    return schema.get("format", schema.get("type", "object"))


def operations(schema: dict) -> list[dict]:
    components = schema.get("components", {}).get("schemas", {})
    found = []
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            body = operation.get("requestBody", {}).get("content", {}).get("application/json", {})
            found.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "id": operation["operationId"],
                    "summary": operation.get("summary", ""),
                    "parameters": [
                        {
                            "name": parameter["name"],
                            "where": parameter["in"],
                            "type": schema_type(parameter.get("schema", {}), components),
                            "required": parameter.get("required", False),
                        }
                        for parameter in operation.get("parameters", [])
                    ],
                    "body": schema_type(body["schema"], components) if body else "",
                    "responses": [
                        {
                            "status": status,
                            "type": schema_type(
                                answer.get("content", {}).get("application/json", {}).get("schema", {}),
                                components,
                            ),
                        }
                        for status, answer in operation.get("responses", {}).items()
                    ],
                }
            )
    return found


def schemas(schema: dict) -> list[dict]:
    components = schema.get("components", {}).get("schemas", {})
    return [
        {
            "name": name,
            "fields": [
                {
                    "name": field,
                    "type": schema_type(spec, components),
                    "required": field in body.get("required", []),
                }
                for field, spec in body.get("properties", {}).items()
            ],
        }
        for name, body in sorted(components.items())
    ]


def api_docs(request):
    schema = api.get_openapi_schema()
    context = {"info": schema["info"], "operations": operations(schema), "schemas": schemas(schema)}
    return render(request, "scrutiny/api_docs.html", context)
