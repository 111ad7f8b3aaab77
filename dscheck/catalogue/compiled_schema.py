"""The catalogue schema (schema.json) compiled by fastjsonschema. Generated: do not edit; rewrite it with
`python -m dscheck.catalogue.schema_code` after changing schema.json."""
# fmt: off
# ruff: noqa
VERSION = "2.22.3"
from decimal import Decimal
import re
from fastjsonschema import JsonSchemaValueException, JsonSchemaValuesException


REGEX_PATTERNS = {
    '^[a-z0-9][a-z0-9-]*$': re.compile('^[a-z0-9][a-z0-9-]*\\Z'),
    '^[A-Za-z0-9^][A-Za-z0-9^=.\\-]{0,19}$': re.compile('^[A-Za-z0-9^][A-Za-z0-9^=.\\-]{0,19}\\Z'),
    '^[0-9]{4}-[0-9]{2}-[0-9]{2}$': re.compile('^[0-9]{4}-[0-9]{2}-[0-9]{2}\\Z'),
    '^[0-9]{1,2}:[0-9]{2}(:[0-9]{2})?$': re.compile('^[0-9]{1,2}:[0-9]{2}(:[0-9]{2})?\\Z'),
    '^(previous_close|open|[0-9]{4}-[0-9]{2}-[0-9]{2})$': re.compile('^(previous_close|open|[0-9]{4}-[0-9]{2}-[0-9]{2})\\Z')
}

NoneType = type(None)

def validate(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object", value=data, name="" + (name_prefix or "data") + "", definition={'$schema': 'http://json-schema.org/draft-07/schema#', 'title': 'dscheck catalogue, format v1', 'description': 'Numeric claims of news articles, to be checked against market data. Dates are YYYY-MM-DD text and times HH:MM text, as they stand in the YAML file.', 'type': 'object', 'required': ['dscheck', 'claims'], 'additionalProperties': False, 'properties': {'dscheck': {'const': 1, 'description': 'The format version.'}, 'timezone': {'type': 'string', 'description': 'IANA time zone for claim times; default America/New_York.'}, 'articles': {'type': 'object', 'propertyNames': {'pattern': '^[a-z0-9][a-z0-9-]*$'}, 'additionalProperties': {'type': 'object', 'additionalProperties': False, 'properties': {'title': {'type': 'string'}, 'publisher': {'type': 'string'}, 'published': {'type': 'string'}, 'language': {'type': 'string'}, 'source': {'type': 'string'}}}}, 'claims': {'type': 'array', 'items': {'type': 'object', 'required': ['id', 'article', 'quote'], 'additionalProperties': False, 'properties': {'id': {'type': 'string', 'pattern': '^[a-z0-9][a-z0-9-]*$'}, 'article': {'type': 'string'}, 'quote': {'type': 'string', 'minLength': 1}, 'gloss': {'type': 'string'}, 'tags': {'type': 'array', 'items': {'type': 'string'}}, 'kind': {'enum': ['market', 'external']}, 'reason': {'type': 'string', 'minLength': 1}, 'subject': {'type': 'string', 'pattern': '^[A-Za-z0-9^][A-Za-z0-9^=.\\-]{0,19}$', 'description': 'A Yahoo Finance symbol. It starts with a letter, digit or ^, so it can never be . or .. in a URL path or a file name.'}, 'metric': {'enum': ['change_pct', 'change_bp', 'change_points', 'level', 'direction', 'volume_ratio', 'worst_since', 'best_since']}, 'value': {'type': ['number', 'string']}, 'qualifier': {'enum': ['about', 'nearly', 'over', 'under']}, 'date': {'type': 'string', 'pattern': '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'}, 'time': {'type': 'string', 'pattern': '^[0-9]{1,2}:[0-9]{2}(:[0-9]{2})?$'}, 'timezone': {'type': 'string'}, 'extreme': {'type': 'boolean'}, 'baseline': {'type': 'string', 'pattern': '^(previous_close|open|[0-9]{4}-[0-9]{2}-[0-9]{2})$'}, 'invert': {'type': 'boolean'}, 'tolerance': {'type': 'number', 'exclusiveMinimum': 0}, 'window': {'type': 'integer', 'minimum': 1, 'maximum': 1000}, 'min_pct': {'type': 'number', 'minimum': 0}}}}}, 'definitions': {'article': {'type': 'object', 'additionalProperties': False, 'properties': {'title': {'type': 'string'}, 'publisher': {'type': 'string'}, 'published': {'type': 'string'}, 'language': {'type': 'string'}, 'source': {'type': 'string'}}}, 'claim': {'type': 'object', 'required': ['id', 'article', 'quote'], 'additionalProperties': False, 'properties': {'id': {'type': 'string', 'pattern': '^[a-z0-9][a-z0-9-]*$'}, 'article': {'type': 'string'}, 'quote': {'type': 'string', 'minLength': 1}, 'gloss': {'type': 'string'}, 'tags': {'type': 'array', 'items': {'type': 'string'}}, 'kind': {'enum': ['market', 'external']}, 'reason': {'type': 'string', 'minLength': 1}, 'subject': {'type': 'string', 'pattern': '^[A-Za-z0-9^][A-Za-z0-9^=.\\-]{0,19}$', 'description': 'A Yahoo Finance symbol. It starts with a letter, digit or ^, so it can never be . or .. in a URL path or a file name.'}, 'metric': {'enum': ['change_pct', 'change_bp', 'change_points', 'level', 'direction', 'volume_ratio', 'worst_since', 'best_since']}, 'value': {'type': ['number', 'string']}, 'qualifier': {'enum': ['about', 'nearly', 'over', 'under']}, 'date': {'type': 'string', 'pattern': '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'}, 'time': {'type': 'string', 'pattern': '^[0-9]{1,2}:[0-9]{2}(:[0-9]{2})?$'}, 'timezone': {'type': 'string'}, 'extreme': {'type': 'boolean'}, 'baseline': {'type': 'string', 'pattern': '^(previous_close|open|[0-9]{4}-[0-9]{2}-[0-9]{2})$'}, 'invert': {'type': 'boolean'}, 'tolerance': {'type': 'number', 'exclusiveMinimum': 0}, 'window': {'type': 'integer', 'minimum': 1, 'maximum': 1000}, 'min_pct': {'type': 'number', 'minimum': 0}}}}}, rule='type')
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['dscheck', 'claims']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain " + (str(sorted(data__missing_keys)) + " properties"), value=data, name="" + (name_prefix or "data") + "", definition={'$schema': 'http://json-schema.org/draft-07/schema#', 'title': 'dscheck catalogue, format v1', 'description': 'Numeric claims of news articles, to be checked against market data. Dates are YYYY-MM-DD text and times HH:MM text, as they stand in the YAML file.', 'type': 'object', 'required': ['dscheck', 'claims'], 'additionalProperties': False, 'properties': {'dscheck': {'const': 1, 'description': 'The format version.'}, 'timezone': {'type': 'string', 'description': 'IANA time zone for claim times; default America/New_York.'}, 'articles': {'type': 'object', 'propertyNames': {'pattern': '^[a-z0-9][a-z0-9-]*$'}, 'additionalProperties': {'type': 'object', 'additionalProperties': False, 'properties': {'title': {'type': 'string'}, 'publisher': {'type': 'string'}, 'published': {'type': 'string'}, 'language': {'type': 'string'}, 'source': {'type': 'string'}}}}, 'claims': {'type': 'array', 'items': {'type': 'object', 'required': ['id', 'article', 'quote'], 'additionalProperties': False, 'properties': {'id': {'type': 'string', 'pattern': '^[a-z0-9][a-z0-9-]*$'}, 'article': {'type': 'string'}, 'quote': {'type': 'string', 'minLength': 1}, 'gloss': {'type': 'string'}, 'tags': {'type': 'array', 'items': {'type': 'string'}}, 'kind': {'enum': ['market', 'external']}, 'reason': {'type': 'string', 'minLength': 1}, 'subject': {'type': 'string', 'pattern': '^[A-Za-z0-9^][A-Za-z0-9^=.\\-]{0,19}$', 'description': 'A Yahoo Finance symbol. It starts with a letter, digit or ^, so it can never be . or .. in a URL path or a file name.'}, 'metric': {'enum': ['change_pct', 'change_bp', 'change_points', 'level', 'direction', 'volume_ratio', 'worst_since', 'best_since']}, 'value': {'type': ['number', 'string']}, 'qualifier': {'enum': ['about', 'nearly', 'over', 'under']}, 'date': {'type': 'string', 'pattern': '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'}, 'time': {'type': 'string', 'pattern': '^[0-9]{1,2}:[0-9]{2}(:[0-9]{2})?$'}, 'timezone': {'type': 'string'}, 'extreme': {'type': 'boolean'}, 'baseline': {'type': 'string', 'pattern': '^(previous_close|open|[0-9]{4}-[0-9]{2}-[0-9]{2})$'}, 'invert': {'type': 'boolean'}, 'tolerance': {'type': 'number', 'exclusiveMinimum': 0}, 'window': {'type': 'integer', 'minimum': 1, 'maximum': 1000}, 'min_pct': {'type': 'number', 'minimum': 0}}}}}, 'definitions': {'article': {'type': 'object', 'additionalProperties': False, 'properties': {'title': {'type': 'string'}, 'publisher': {'type': 'string'}, 'published': {'type': 'string'}, 'language': {'type': 'string'}, 'source': {'type': 'string'}}}, 'claim': {'type': 'object', 'required': ['id', 'article', 'quote'], 'additionalProperties': False, 'properties': {'id': {'type': 'string', 'pattern': '^[a-z0-9][a-z0-9-]*$'}, 'article': {'type': 'string'}, 'quote': {'type': 'string', 'minLength': 1}, 'gloss': {'type': 'string'}, 'tags': {'type': 'array', 'items': {'type': 'string'}}, 'kind': {'enum': ['market', 'external']}, 'reason': {'type': 'string', 'minLength': 1}, 'subject': {'type': 'string', 'pattern': '^[A-Za-z0-9^][A-Za-z0-9^=.\\-]{0,19}$', 'description': 'A Yahoo Finance symbol. It starts with a letter, digit or ^, so it can never be . or .. in a URL path or a file name.'}, 'metric': {'enum': ['change_pct', 'change_bp', 'change_points', 'level', 'direction', 'volume_ratio', 'worst_since', 'best_since']}, 'value': {'type': ['number', 'string']}, 'qualifier': {'enum': ['about', 'nearly', 'over', 'under']}, 'date': {'type': 'string', 'pattern': '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'}, 'time': {'type': 'string', 'pattern': '^[0-9]{1,2}:[0-9]{2}(:[0-9]{2})?$'}, 'timezone': {'type': 'string'}, 'extreme': {'type': 'boolean'}, 'baseline': {'type': 'string', 'pattern': '^(previous_close|open|[0-9]{4}-[0-9]{2}-[0-9]{2})$'}, 'invert': {'type': 'boolean'}, 'tolerance': {'type': 'number', 'exclusiveMinimum': 0}, 'window': {'type': 'integer', 'minimum': 1, 'maximum': 1000}, 'min_pct': {'type': 'number', 'minimum': 0}}}}}, rule='required')
        data_keys = set(data.keys())
        if "dscheck" in data_keys:
            data_keys.remove("dscheck")
            data__dscheck = data["dscheck"]
            if not (isinstance(data__dscheck, (int, float)) and not isinstance(data__dscheck, bool) and data__dscheck == 1):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".dscheck must be same as const definition: 1", value=data__dscheck, name="" + (name_prefix or "data") + ".dscheck", definition={'const': 1, 'description': 'The format version.'}, rule='const')
        if "timezone" in data_keys:
            data_keys.remove("timezone")
            data__timezone = data["timezone"]
            if not isinstance(data__timezone, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".timezone must be string", value=data__timezone, name="" + (name_prefix or "data") + ".timezone", definition={'type': 'string', 'description': 'IANA time zone for claim times; default America/New_York.'}, rule='type')
        if "articles" in data_keys:
            data_keys.remove("articles")
            data__articles = data["articles"]
            if not isinstance(data__articles, (dict)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".articles must be object", value=data__articles, name="" + (name_prefix or "data") + ".articles", definition={'type': 'object', 'propertyNames': {'pattern': '^[a-z0-9][a-z0-9-]*$'}, 'additionalProperties': {'type': 'object', 'additionalProperties': False, 'properties': {'title': {'type': 'string'}, 'publisher': {'type': 'string'}, 'published': {'type': 'string'}, 'language': {'type': 'string'}, 'source': {'type': 'string'}}}}, rule='type')
            data__articles_is_dict = isinstance(data__articles, dict)
            if data__articles_is_dict:
                data__articles_keys = set(data__articles.keys())
                for data__articles_key in data__articles_keys:
                    if data__articles_key not in []:
                        data__articles_value = data__articles.get(data__articles_key)
                        validate___definitions_article(data__articles_value, custom_formats, (name_prefix or "data") + ".articles.{data__articles_key}".format(**locals()))
                data__articles_len = len(data__articles)
                if data__articles_len != 0:
                    data__articles_property_names = True
                    for data__articles_key in data__articles:
                        try:
                            if isinstance(data__articles_key, str):
                                if not REGEX_PATTERNS['^[a-z0-9][a-z0-9-]*$'].search(data__articles_key):
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".articles must match pattern ^[a-z0-9][a-z0-9-]*$", value=data__articles_key, name="" + (name_prefix or "data") + ".articles", definition={'pattern': '^[a-z0-9][a-z0-9-]*$'}, rule='pattern')
                        except (JsonSchemaValueException, JsonSchemaValuesException):
                            data__articles_property_names = False
                    if not data__articles_property_names:
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".articles must be named by propertyName definition", value=data__articles, name="" + (name_prefix or "data") + ".articles", definition={'type': 'object', 'propertyNames': {'pattern': '^[a-z0-9][a-z0-9-]*$'}, 'additionalProperties': {'type': 'object', 'additionalProperties': False, 'properties': {'title': {'type': 'string'}, 'publisher': {'type': 'string'}, 'published': {'type': 'string'}, 'language': {'type': 'string'}, 'source': {'type': 'string'}}}}, rule='propertyNames')
        if "claims" in data_keys:
            data_keys.remove("claims")
            data__claims = data["claims"]
            if not isinstance(data__claims, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".claims must be array", value=data__claims, name="" + (name_prefix or "data") + ".claims", definition={'type': 'array', 'items': {'type': 'object', 'required': ['id', 'article', 'quote'], 'additionalProperties': False, 'properties': {'id': {'type': 'string', 'pattern': '^[a-z0-9][a-z0-9-]*$'}, 'article': {'type': 'string'}, 'quote': {'type': 'string', 'minLength': 1}, 'gloss': {'type': 'string'}, 'tags': {'type': 'array', 'items': {'type': 'string'}}, 'kind': {'enum': ['market', 'external']}, 'reason': {'type': 'string', 'minLength': 1}, 'subject': {'type': 'string', 'pattern': '^[A-Za-z0-9^][A-Za-z0-9^=.\\-]{0,19}$', 'description': 'A Yahoo Finance symbol. It starts with a letter, digit or ^, so it can never be . or .. in a URL path or a file name.'}, 'metric': {'enum': ['change_pct', 'change_bp', 'change_points', 'level', 'direction', 'volume_ratio', 'worst_since', 'best_since']}, 'value': {'type': ['number', 'string']}, 'qualifier': {'enum': ['about', 'nearly', 'over', 'under']}, 'date': {'type': 'string', 'pattern': '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'}, 'time': {'type': 'string', 'pattern': '^[0-9]{1,2}:[0-9]{2}(:[0-9]{2})?$'}, 'timezone': {'type': 'string'}, 'extreme': {'type': 'boolean'}, 'baseline': {'type': 'string', 'pattern': '^(previous_close|open|[0-9]{4}-[0-9]{2}-[0-9]{2})$'}, 'invert': {'type': 'boolean'}, 'tolerance': {'type': 'number', 'exclusiveMinimum': 0}, 'window': {'type': 'integer', 'minimum': 1, 'maximum': 1000}, 'min_pct': {'type': 'number', 'minimum': 0}}}}, rule='type')
            data__claims_is_list = isinstance(data__claims, (list, tuple))
            if data__claims_is_list:
                data__claims_len = len(data__claims)
                for data__claims_x, data__claims_item in enumerate(data__claims):
                    validate___definitions_claim(data__claims_item, custom_formats, (name_prefix or "data") + ".claims[{data__claims_x}]".format(**locals()))
        if data_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must not contain "+str(data_keys)+" properties", value=data, name="" + (name_prefix or "data") + "", definition={'$schema': 'http://json-schema.org/draft-07/schema#', 'title': 'dscheck catalogue, format v1', 'description': 'Numeric claims of news articles, to be checked against market data. Dates are YYYY-MM-DD text and times HH:MM text, as they stand in the YAML file.', 'type': 'object', 'required': ['dscheck', 'claims'], 'additionalProperties': False, 'properties': {'dscheck': {'const': 1, 'description': 'The format version.'}, 'timezone': {'type': 'string', 'description': 'IANA time zone for claim times; default America/New_York.'}, 'articles': {'type': 'object', 'propertyNames': {'pattern': '^[a-z0-9][a-z0-9-]*$'}, 'additionalProperties': {'type': 'object', 'additionalProperties': False, 'properties': {'title': {'type': 'string'}, 'publisher': {'type': 'string'}, 'published': {'type': 'string'}, 'language': {'type': 'string'}, 'source': {'type': 'string'}}}}, 'claims': {'type': 'array', 'items': {'type': 'object', 'required': ['id', 'article', 'quote'], 'additionalProperties': False, 'properties': {'id': {'type': 'string', 'pattern': '^[a-z0-9][a-z0-9-]*$'}, 'article': {'type': 'string'}, 'quote': {'type': 'string', 'minLength': 1}, 'gloss': {'type': 'string'}, 'tags': {'type': 'array', 'items': {'type': 'string'}}, 'kind': {'enum': ['market', 'external']}, 'reason': {'type': 'string', 'minLength': 1}, 'subject': {'type': 'string', 'pattern': '^[A-Za-z0-9^][A-Za-z0-9^=.\\-]{0,19}$', 'description': 'A Yahoo Finance symbol. It starts with a letter, digit or ^, so it can never be . or .. in a URL path or a file name.'}, 'metric': {'enum': ['change_pct', 'change_bp', 'change_points', 'level', 'direction', 'volume_ratio', 'worst_since', 'best_since']}, 'value': {'type': ['number', 'string']}, 'qualifier': {'enum': ['about', 'nearly', 'over', 'under']}, 'date': {'type': 'string', 'pattern': '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'}, 'time': {'type': 'string', 'pattern': '^[0-9]{1,2}:[0-9]{2}(:[0-9]{2})?$'}, 'timezone': {'type': 'string'}, 'extreme': {'type': 'boolean'}, 'baseline': {'type': 'string', 'pattern': '^(previous_close|open|[0-9]{4}-[0-9]{2}-[0-9]{2})$'}, 'invert': {'type': 'boolean'}, 'tolerance': {'type': 'number', 'exclusiveMinimum': 0}, 'window': {'type': 'integer', 'minimum': 1, 'maximum': 1000}, 'min_pct': {'type': 'number', 'minimum': 0}}}}}, 'definitions': {'article': {'type': 'object', 'additionalProperties': False, 'properties': {'title': {'type': 'string'}, 'publisher': {'type': 'string'}, 'published': {'type': 'string'}, 'language': {'type': 'string'}, 'source': {'type': 'string'}}}, 'claim': {'type': 'object', 'required': ['id', 'article', 'quote'], 'additionalProperties': False, 'properties': {'id': {'type': 'string', 'pattern': '^[a-z0-9][a-z0-9-]*$'}, 'article': {'type': 'string'}, 'quote': {'type': 'string', 'minLength': 1}, 'gloss': {'type': 'string'}, 'tags': {'type': 'array', 'items': {'type': 'string'}}, 'kind': {'enum': ['market', 'external']}, 'reason': {'type': 'string', 'minLength': 1}, 'subject': {'type': 'string', 'pattern': '^[A-Za-z0-9^][A-Za-z0-9^=.\\-]{0,19}$', 'description': 'A Yahoo Finance symbol. It starts with a letter, digit or ^, so it can never be . or .. in a URL path or a file name.'}, 'metric': {'enum': ['change_pct', 'change_bp', 'change_points', 'level', 'direction', 'volume_ratio', 'worst_since', 'best_since']}, 'value': {'type': ['number', 'string']}, 'qualifier': {'enum': ['about', 'nearly', 'over', 'under']}, 'date': {'type': 'string', 'pattern': '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'}, 'time': {'type': 'string', 'pattern': '^[0-9]{1,2}:[0-9]{2}(:[0-9]{2})?$'}, 'timezone': {'type': 'string'}, 'extreme': {'type': 'boolean'}, 'baseline': {'type': 'string', 'pattern': '^(previous_close|open|[0-9]{4}-[0-9]{2}-[0-9]{2})$'}, 'invert': {'type': 'boolean'}, 'tolerance': {'type': 'number', 'exclusiveMinimum': 0}, 'window': {'type': 'integer', 'minimum': 1, 'maximum': 1000}, 'min_pct': {'type': 'number', 'minimum': 0}}}}}, rule='additionalProperties')
    return data

def validate___definitions_claim(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object", value=data, name="" + (name_prefix or "data") + "", definition={'type': 'object', 'required': ['id', 'article', 'quote'], 'additionalProperties': False, 'properties': {'id': {'type': 'string', 'pattern': '^[a-z0-9][a-z0-9-]*$'}, 'article': {'type': 'string'}, 'quote': {'type': 'string', 'minLength': 1}, 'gloss': {'type': 'string'}, 'tags': {'type': 'array', 'items': {'type': 'string'}}, 'kind': {'enum': ['market', 'external']}, 'reason': {'type': 'string', 'minLength': 1}, 'subject': {'type': 'string', 'pattern': '^[A-Za-z0-9^][A-Za-z0-9^=.\\-]{0,19}$', 'description': 'A Yahoo Finance symbol. It starts with a letter, digit or ^, so it can never be . or .. in a URL path or a file name.'}, 'metric': {'enum': ['change_pct', 'change_bp', 'change_points', 'level', 'direction', 'volume_ratio', 'worst_since', 'best_since']}, 'value': {'type': ['number', 'string']}, 'qualifier': {'enum': ['about', 'nearly', 'over', 'under']}, 'date': {'type': 'string', 'pattern': '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'}, 'time': {'type': 'string', 'pattern': '^[0-9]{1,2}:[0-9]{2}(:[0-9]{2})?$'}, 'timezone': {'type': 'string'}, 'extreme': {'type': 'boolean'}, 'baseline': {'type': 'string', 'pattern': '^(previous_close|open|[0-9]{4}-[0-9]{2}-[0-9]{2})$'}, 'invert': {'type': 'boolean'}, 'tolerance': {'type': 'number', 'exclusiveMinimum': 0}, 'window': {'type': 'integer', 'minimum': 1, 'maximum': 1000}, 'min_pct': {'type': 'number', 'minimum': 0}}}, rule='type')
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['id', 'article', 'quote']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain " + (str(sorted(data__missing_keys)) + " properties"), value=data, name="" + (name_prefix or "data") + "", definition={'type': 'object', 'required': ['id', 'article', 'quote'], 'additionalProperties': False, 'properties': {'id': {'type': 'string', 'pattern': '^[a-z0-9][a-z0-9-]*$'}, 'article': {'type': 'string'}, 'quote': {'type': 'string', 'minLength': 1}, 'gloss': {'type': 'string'}, 'tags': {'type': 'array', 'items': {'type': 'string'}}, 'kind': {'enum': ['market', 'external']}, 'reason': {'type': 'string', 'minLength': 1}, 'subject': {'type': 'string', 'pattern': '^[A-Za-z0-9^][A-Za-z0-9^=.\\-]{0,19}$', 'description': 'A Yahoo Finance symbol. It starts with a letter, digit or ^, so it can never be . or .. in a URL path or a file name.'}, 'metric': {'enum': ['change_pct', 'change_bp', 'change_points', 'level', 'direction', 'volume_ratio', 'worst_since', 'best_since']}, 'value': {'type': ['number', 'string']}, 'qualifier': {'enum': ['about', 'nearly', 'over', 'under']}, 'date': {'type': 'string', 'pattern': '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'}, 'time': {'type': 'string', 'pattern': '^[0-9]{1,2}:[0-9]{2}(:[0-9]{2})?$'}, 'timezone': {'type': 'string'}, 'extreme': {'type': 'boolean'}, 'baseline': {'type': 'string', 'pattern': '^(previous_close|open|[0-9]{4}-[0-9]{2}-[0-9]{2})$'}, 'invert': {'type': 'boolean'}, 'tolerance': {'type': 'number', 'exclusiveMinimum': 0}, 'window': {'type': 'integer', 'minimum': 1, 'maximum': 1000}, 'min_pct': {'type': 'number', 'minimum': 0}}}, rule='required')
        data_keys = set(data.keys())
        if "id" in data_keys:
            data_keys.remove("id")
            data__id = data["id"]
            if not isinstance(data__id, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".id must be string", value=data__id, name="" + (name_prefix or "data") + ".id", definition={'type': 'string', 'pattern': '^[a-z0-9][a-z0-9-]*$'}, rule='type')
            if isinstance(data__id, str):
                if not REGEX_PATTERNS['^[a-z0-9][a-z0-9-]*$'].search(data__id):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".id must match pattern ^[a-z0-9][a-z0-9-]*$", value=data__id, name="" + (name_prefix or "data") + ".id", definition={'type': 'string', 'pattern': '^[a-z0-9][a-z0-9-]*$'}, rule='pattern')
        if "article" in data_keys:
            data_keys.remove("article")
            data__article = data["article"]
            if not isinstance(data__article, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".article must be string", value=data__article, name="" + (name_prefix or "data") + ".article", definition={'type': 'string'}, rule='type')
        if "quote" in data_keys:
            data_keys.remove("quote")
            data__quote = data["quote"]
            if not isinstance(data__quote, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".quote must be string", value=data__quote, name="" + (name_prefix or "data") + ".quote", definition={'type': 'string', 'minLength': 1}, rule='type')
            if isinstance(data__quote, str):
                data__quote_len = len(data__quote)
                if data__quote_len < 1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".quote must be longer than or equal to 1 characters", value=data__quote, name="" + (name_prefix or "data") + ".quote", definition={'type': 'string', 'minLength': 1}, rule='minLength')
        if "gloss" in data_keys:
            data_keys.remove("gloss")
            data__gloss = data["gloss"]
            if not isinstance(data__gloss, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".gloss must be string", value=data__gloss, name="" + (name_prefix or "data") + ".gloss", definition={'type': 'string'}, rule='type')
        if "tags" in data_keys:
            data_keys.remove("tags")
            data__tags = data["tags"]
            if not isinstance(data__tags, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".tags must be array", value=data__tags, name="" + (name_prefix or "data") + ".tags", definition={'type': 'array', 'items': {'type': 'string'}}, rule='type')
            data__tags_is_list = isinstance(data__tags, (list, tuple))
            if data__tags_is_list:
                data__tags_len = len(data__tags)
                for data__tags_x, data__tags_item in enumerate(data__tags):
                    if not isinstance(data__tags_item, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".tags[{data__tags_x}]".format(**locals()) + " must be string", value=data__tags_item, name="" + (name_prefix or "data") + ".tags[{data__tags_x}]".format(**locals()) + "", definition={'type': 'string'}, rule='type')
        if "kind" in data_keys:
            data_keys.remove("kind")
            data__kind = data["kind"]
            if not (isinstance(data__kind, str) and data__kind == 'market' or isinstance(data__kind, str) and data__kind == 'external'):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".kind must be one of ['market', 'external']", value=data__kind, name="" + (name_prefix or "data") + ".kind", definition={'enum': ['market', 'external']}, rule='enum')
        if "reason" in data_keys:
            data_keys.remove("reason")
            data__reason = data["reason"]
            if not isinstance(data__reason, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".reason must be string", value=data__reason, name="" + (name_prefix or "data") + ".reason", definition={'type': 'string', 'minLength': 1}, rule='type')
            if isinstance(data__reason, str):
                data__reason_len = len(data__reason)
                if data__reason_len < 1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".reason must be longer than or equal to 1 characters", value=data__reason, name="" + (name_prefix or "data") + ".reason", definition={'type': 'string', 'minLength': 1}, rule='minLength')
        if "subject" in data_keys:
            data_keys.remove("subject")
            data__subject = data["subject"]
            if not isinstance(data__subject, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".subject must be string", value=data__subject, name="" + (name_prefix or "data") + ".subject", definition={'type': 'string', 'pattern': '^[A-Za-z0-9^][A-Za-z0-9^=.\\-]{0,19}$', 'description': 'A Yahoo Finance symbol. It starts with a letter, digit or ^, so it can never be . or .. in a URL path or a file name.'}, rule='type')
            if isinstance(data__subject, str):
                if not REGEX_PATTERNS['^[A-Za-z0-9^][A-Za-z0-9^=.\\-]{0,19}$'].search(data__subject):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".subject must match pattern ^[A-Za-z0-9^][A-Za-z0-9^=.\\-]{0,19}$", value=data__subject, name="" + (name_prefix or "data") + ".subject", definition={'type': 'string', 'pattern': '^[A-Za-z0-9^][A-Za-z0-9^=.\\-]{0,19}$', 'description': 'A Yahoo Finance symbol. It starts with a letter, digit or ^, so it can never be . or .. in a URL path or a file name.'}, rule='pattern')
        if "metric" in data_keys:
            data_keys.remove("metric")
            data__metric = data["metric"]
            if not (isinstance(data__metric, str) and data__metric == 'change_pct' or isinstance(data__metric, str) and data__metric == 'change_bp' or isinstance(data__metric, str) and data__metric == 'change_points' or isinstance(data__metric, str) and data__metric == 'level' or isinstance(data__metric, str) and data__metric == 'direction' or isinstance(data__metric, str) and data__metric == 'volume_ratio' or isinstance(data__metric, str) and data__metric == 'worst_since' or isinstance(data__metric, str) and data__metric == 'best_since'):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".metric must be one of ['change_pct', 'change_bp', 'change_points', 'level', 'direction', 'volume_ratio', 'worst_since', 'best_since']", value=data__metric, name="" + (name_prefix or "data") + ".metric", definition={'enum': ['change_pct', 'change_bp', 'change_points', 'level', 'direction', 'volume_ratio', 'worst_since', 'best_since']}, rule='enum')
        if "value" in data_keys:
            data_keys.remove("value")
            data__value = data["value"]
            if not isinstance(data__value, (int, float, Decimal, str)) or isinstance(data__value, bool):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".value must be number or string", value=data__value, name="" + (name_prefix or "data") + ".value", definition={'type': ['number', 'string']}, rule='type')
        if "qualifier" in data_keys:
            data_keys.remove("qualifier")
            data__qualifier = data["qualifier"]
            if not (isinstance(data__qualifier, str) and data__qualifier == 'about' or isinstance(data__qualifier, str) and data__qualifier == 'nearly' or isinstance(data__qualifier, str) and data__qualifier == 'over' or isinstance(data__qualifier, str) and data__qualifier == 'under'):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".qualifier must be one of ['about', 'nearly', 'over', 'under']", value=data__qualifier, name="" + (name_prefix or "data") + ".qualifier", definition={'enum': ['about', 'nearly', 'over', 'under']}, rule='enum')
        if "date" in data_keys:
            data_keys.remove("date")
            data__date = data["date"]
            if not isinstance(data__date, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".date must be string", value=data__date, name="" + (name_prefix or "data") + ".date", definition={'type': 'string', 'pattern': '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'}, rule='type')
            if isinstance(data__date, str):
                if not REGEX_PATTERNS['^[0-9]{4}-[0-9]{2}-[0-9]{2}$'].search(data__date):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".date must match pattern ^[0-9]{4}-[0-9]{2}-[0-9]{2}$", value=data__date, name="" + (name_prefix or "data") + ".date", definition={'type': 'string', 'pattern': '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'}, rule='pattern')
        if "time" in data_keys:
            data_keys.remove("time")
            data__time = data["time"]
            if not isinstance(data__time, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".time must be string", value=data__time, name="" + (name_prefix or "data") + ".time", definition={'type': 'string', 'pattern': '^[0-9]{1,2}:[0-9]{2}(:[0-9]{2})?$'}, rule='type')
            if isinstance(data__time, str):
                if not REGEX_PATTERNS['^[0-9]{1,2}:[0-9]{2}(:[0-9]{2})?$'].search(data__time):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".time must match pattern ^[0-9]{1,2}:[0-9]{2}(:[0-9]{2})?$", value=data__time, name="" + (name_prefix or "data") + ".time", definition={'type': 'string', 'pattern': '^[0-9]{1,2}:[0-9]{2}(:[0-9]{2})?$'}, rule='pattern')
        if "timezone" in data_keys:
            data_keys.remove("timezone")
            data__timezone = data["timezone"]
            if not isinstance(data__timezone, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".timezone must be string", value=data__timezone, name="" + (name_prefix or "data") + ".timezone", definition={'type': 'string'}, rule='type')
        if "extreme" in data_keys:
            data_keys.remove("extreme")
            data__extreme = data["extreme"]
            if not isinstance(data__extreme, (bool)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".extreme must be boolean", value=data__extreme, name="" + (name_prefix or "data") + ".extreme", definition={'type': 'boolean'}, rule='type')
        if "baseline" in data_keys:
            data_keys.remove("baseline")
            data__baseline = data["baseline"]
            if not isinstance(data__baseline, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".baseline must be string", value=data__baseline, name="" + (name_prefix or "data") + ".baseline", definition={'type': 'string', 'pattern': '^(previous_close|open|[0-9]{4}-[0-9]{2}-[0-9]{2})$'}, rule='type')
            if isinstance(data__baseline, str):
                if not REGEX_PATTERNS['^(previous_close|open|[0-9]{4}-[0-9]{2}-[0-9]{2})$'].search(data__baseline):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".baseline must match pattern ^(previous_close|open|[0-9]{4}-[0-9]{2}-[0-9]{2})$", value=data__baseline, name="" + (name_prefix or "data") + ".baseline", definition={'type': 'string', 'pattern': '^(previous_close|open|[0-9]{4}-[0-9]{2}-[0-9]{2})$'}, rule='pattern')
        if "invert" in data_keys:
            data_keys.remove("invert")
            data__invert = data["invert"]
            if not isinstance(data__invert, (bool)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".invert must be boolean", value=data__invert, name="" + (name_prefix or "data") + ".invert", definition={'type': 'boolean'}, rule='type')
        if "tolerance" in data_keys:
            data_keys.remove("tolerance")
            data__tolerance = data["tolerance"]
            if not isinstance(data__tolerance, (int, float, Decimal)) or isinstance(data__tolerance, bool):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".tolerance must be number", value=data__tolerance, name="" + (name_prefix or "data") + ".tolerance", definition={'type': 'number', 'exclusiveMinimum': 0}, rule='type')
            if isinstance(data__tolerance, (int, float, Decimal)) and not isinstance(data__tolerance, bool):
                if data__tolerance <= 0:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".tolerance must be bigger than 0", value=data__tolerance, name="" + (name_prefix or "data") + ".tolerance", definition={'type': 'number', 'exclusiveMinimum': 0}, rule='exclusiveMinimum')
        if "window" in data_keys:
            data_keys.remove("window")
            data__window = data["window"]
            if not isinstance(data__window, (int)) and not (isinstance(data__window, float) and data__window.is_integer()) or isinstance(data__window, bool):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".window must be integer", value=data__window, name="" + (name_prefix or "data") + ".window", definition={'type': 'integer', 'minimum': 1, 'maximum': 1000}, rule='type')
            if isinstance(data__window, (int, float, Decimal)) and not isinstance(data__window, bool):
                if data__window < 1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".window must be bigger than or equal to 1", value=data__window, name="" + (name_prefix or "data") + ".window", definition={'type': 'integer', 'minimum': 1, 'maximum': 1000}, rule='minimum')
                if data__window > 1000:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".window must be smaller than or equal to 1000", value=data__window, name="" + (name_prefix or "data") + ".window", definition={'type': 'integer', 'minimum': 1, 'maximum': 1000}, rule='maximum')
        if "min_pct" in data_keys:
            data_keys.remove("min_pct")
            data__minpct = data["min_pct"]
            if not isinstance(data__minpct, (int, float, Decimal)) or isinstance(data__minpct, bool):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".min_pct must be number", value=data__minpct, name="" + (name_prefix or "data") + ".min_pct", definition={'type': 'number', 'minimum': 0}, rule='type')
            if isinstance(data__minpct, (int, float, Decimal)) and not isinstance(data__minpct, bool):
                if data__minpct < 0:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".min_pct must be bigger than or equal to 0", value=data__minpct, name="" + (name_prefix or "data") + ".min_pct", definition={'type': 'number', 'minimum': 0}, rule='minimum')
        if data_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must not contain "+str(data_keys)+" properties", value=data, name="" + (name_prefix or "data") + "", definition={'type': 'object', 'required': ['id', 'article', 'quote'], 'additionalProperties': False, 'properties': {'id': {'type': 'string', 'pattern': '^[a-z0-9][a-z0-9-]*$'}, 'article': {'type': 'string'}, 'quote': {'type': 'string', 'minLength': 1}, 'gloss': {'type': 'string'}, 'tags': {'type': 'array', 'items': {'type': 'string'}}, 'kind': {'enum': ['market', 'external']}, 'reason': {'type': 'string', 'minLength': 1}, 'subject': {'type': 'string', 'pattern': '^[A-Za-z0-9^][A-Za-z0-9^=.\\-]{0,19}$', 'description': 'A Yahoo Finance symbol. It starts with a letter, digit or ^, so it can never be . or .. in a URL path or a file name.'}, 'metric': {'enum': ['change_pct', 'change_bp', 'change_points', 'level', 'direction', 'volume_ratio', 'worst_since', 'best_since']}, 'value': {'type': ['number', 'string']}, 'qualifier': {'enum': ['about', 'nearly', 'over', 'under']}, 'date': {'type': 'string', 'pattern': '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'}, 'time': {'type': 'string', 'pattern': '^[0-9]{1,2}:[0-9]{2}(:[0-9]{2})?$'}, 'timezone': {'type': 'string'}, 'extreme': {'type': 'boolean'}, 'baseline': {'type': 'string', 'pattern': '^(previous_close|open|[0-9]{4}-[0-9]{2}-[0-9]{2})$'}, 'invert': {'type': 'boolean'}, 'tolerance': {'type': 'number', 'exclusiveMinimum': 0}, 'window': {'type': 'integer', 'minimum': 1, 'maximum': 1000}, 'min_pct': {'type': 'number', 'minimum': 0}}}, rule='additionalProperties')
    return data

def validate___definitions_article(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object", value=data, name="" + (name_prefix or "data") + "", definition={'type': 'object', 'additionalProperties': False, 'properties': {'title': {'type': 'string'}, 'publisher': {'type': 'string'}, 'published': {'type': 'string'}, 'language': {'type': 'string'}, 'source': {'type': 'string'}}}, rule='type')
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data_keys = set(data.keys())
        if "title" in data_keys:
            data_keys.remove("title")
            data__title = data["title"]
            if not isinstance(data__title, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".title must be string", value=data__title, name="" + (name_prefix or "data") + ".title", definition={'type': 'string'}, rule='type')
        if "publisher" in data_keys:
            data_keys.remove("publisher")
            data__publisher = data["publisher"]
            if not isinstance(data__publisher, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".publisher must be string", value=data__publisher, name="" + (name_prefix or "data") + ".publisher", definition={'type': 'string'}, rule='type')
        if "published" in data_keys:
            data_keys.remove("published")
            data__published = data["published"]
            if not isinstance(data__published, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".published must be string", value=data__published, name="" + (name_prefix or "data") + ".published", definition={'type': 'string'}, rule='type')
        if "language" in data_keys:
            data_keys.remove("language")
            data__language = data["language"]
            if not isinstance(data__language, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".language must be string", value=data__language, name="" + (name_prefix or "data") + ".language", definition={'type': 'string'}, rule='type')
        if "source" in data_keys:
            data_keys.remove("source")
            data__source = data["source"]
            if not isinstance(data__source, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".source must be string", value=data__source, name="" + (name_prefix or "data") + ".source", definition={'type': 'string'}, rule='type')
        if data_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must not contain "+str(data_keys)+" properties", value=data, name="" + (name_prefix or "data") + "", definition={'type': 'object', 'additionalProperties': False, 'properties': {'title': {'type': 'string'}, 'publisher': {'type': 'string'}, 'published': {'type': 'string'}, 'language': {'type': 'string'}, 'source': {'type': 'string'}}}, rule='additionalProperties')
    return data
