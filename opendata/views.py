import csv

from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone

from publishing.spreadsheets import safe_cell

from .datasets import DATASETS, Dataset

LIST_SEPARATOR = "; "


def as_json(name: str, rows: list[dict]) -> HttpResponse:
    return JsonResponse(
        {"dataset": name, "generated_at": timezone.now().isoformat(), "items": rows},
        json_dumps_params={"ensure_ascii": False, "indent": 1},
    )


def as_csv(dataset: Dataset, rows: list[dict]) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    writer = csv.writer(response)
    names = [column.name for column in dataset.columns]
    writer.writerow(names)
    for row in rows:
        values = (row[name] for name in names)
        writer.writerow(
            [safe_cell(LIST_SEPARATOR.join(v) if isinstance(v, list) else v) for v in values]
        )
    return response


def data_index(request):
    return render(request, "opendata/index.html", {"datasets": DATASETS})


def dataset_download(request, name, fmt):
    dataset = DATASETS.get(name)
    if dataset is None:
        raise Http404
    rows = dataset.rows(request)
    response = as_json(name, rows) if fmt == "json" else as_csv(dataset, rows)
    stamp = timezone.now().strftime("%Y-%m-%d")
    response["Content-Disposition"] = (
        f'inline; filename="metropolitan-toolkit-{name}-{stamp}.{fmt}"'
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response
