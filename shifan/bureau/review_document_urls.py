"""URLs of the city review's documents in the bureau back office (under /bureau/review/documents/)."""

from django.urls import path

from shifan.bureau import review_documents

urlpatterns = [
    path("scores/<int:pk>.docx", review_documents.score_docx, name="review-score-docx"),
    path("summary.xlsx", review_documents.summary_xlsx, name="review-summary-xlsx"),
    path("draws/<int:pk>.docx", review_documents.draw_docx, name="review-draw-docx"),
]
